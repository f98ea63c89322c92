import type { ComponentType } from 'react';
import { HomePage } from './Home';

/** The regulator's pages by hash path (navigation.ts lists them in menu order). */
export const REGULATOR_PAGES: Readonly<Record<string, ComponentType>> = {
  '/': HomePage,
};
