import type { ComponentType } from 'react';
import { NotificationsPage } from '../shared/Notifications';
import { ProfilePage } from '../shared/Profile';
import { HomePage } from './Home';

/** The pharmacy's pages by hash path (navigation.ts lists them in menu order). */
export const PHARMACY_PAGES: Readonly<Record<string, ComponentType>> = {
  '/': HomePage,
  '/notifications': NotificationsPage,
  '/profile': ProfilePage,
};
