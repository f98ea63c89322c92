import type { ComponentType } from 'react';
import { NotificationsPage } from '../shared/Notifications';
import { ProfilePage } from '../shared/Profile';
import { AccessRequestsPage } from './AccessRequests';
import { AppointmentsPage } from './Appointments';
import { BreakGlassPage } from './BreakGlass';
import { HomePage } from './Home';
import { PatientRecordsPage } from './PatientRecords';
import { PrescriptionsPage } from './Prescriptions';
import { ReferralsPage } from './Referrals';

/** The doctor's pages by hash path (navigation.ts lists them in menu order). */
export const DOCTOR_PAGES: Readonly<Record<string, ComponentType>> = {
  '/access-requests': AccessRequestsPage,
  '/appointments': AppointmentsPage,
  '/break-glass': BreakGlassPage,
  '/': HomePage,
  '/patient-records': PatientRecordsPage,
  '/prescriptions': PrescriptionsPage,
  '/referrals': ReferralsPage,
  '/notifications': NotificationsPage,
  '/profile': ProfilePage,
};
