import type { ComponentType } from 'react';
import { NotificationsPage } from '../shared/Notifications';
import { ProfilePage } from '../shared/Profile';
import { ClaimsPage } from './Claims';
import { HomePage } from './Home';
import { PackagesPage } from './Packages';

/** The insurer's pages by hash path (navigation.ts lists them in menu order). */
export const INSURER_PAGES: Readonly<Record<string, ComponentType>> = {
  '/claims': ClaimsPage,
  '/': HomePage,
  '/packages': PackagesPage,
  '/notifications': NotificationsPage,
  '/profile': ProfilePage,
};
