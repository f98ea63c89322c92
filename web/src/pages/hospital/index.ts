import type { ComponentType } from 'react';
import { NotificationsPage } from '../shared/Notifications';
import { ProfilePage } from '../shared/Profile';
import { AppointmentsPage } from './Appointments';
import { HomePage } from './Home';
import { PriceListPage } from './PriceList';

/** The hospital's pages by hash path (navigation.ts lists them in menu order). */
export const HOSPITAL_PAGES: Readonly<Record<string, ComponentType>> = {
  '/appointments': AppointmentsPage,
  '/': HomePage,
  '/price-list': PriceListPage,
  '/notifications': NotificationsPage,
  '/profile': ProfilePage,
};
