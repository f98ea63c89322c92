import type { ComponentType } from 'react';
import { ApiKeysPage } from './ApiKeys';
import { HomePage } from './Home';

/** The admin's pages by hash path (navigation.ts lists them in menu order). */
export const ADMIN_PAGES: Readonly<Record<string, ComponentType>> = {
  '/api-keys': ApiKeysPage,
  '/': HomePage,
};
