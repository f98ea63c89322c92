import type { ComponentType } from 'react';
import { NotificationsPage } from '../shared/Notifications';
import { AppointmentsPage } from './Appointments';
import { ConsentsPage } from './Consents';
import { DelegatesPage } from './Delegates';
import { DisclosuresPage } from './Disclosures';
import { ErasurePage } from './Erasure';
import { HomePage } from './Home';
import { HospitalServicesPage } from './HospitalServices';
import { InsurancePage } from './Insurance';
import { PrescriptionsPage } from './Prescriptions';
import { RecordsPage } from './Records';

/** The patient's pages by hash path (navigation.ts lists them in menu order). */
export const PATIENT_PAGES: Readonly<Record<string, ComponentType>> = {
  '/appointments': AppointmentsPage,
  '/consents': ConsentsPage,
  '/delegates': DelegatesPage,
  '/disclosures': DisclosuresPage,
  '/erasure': ErasurePage,
  '/': HomePage,
  '/hospital-services': HospitalServicesPage,
  '/insurance': InsurancePage,
  '/prescriptions': PrescriptionsPage,
  '/records': RecordsPage,
  '/notifications': NotificationsPage,
};
