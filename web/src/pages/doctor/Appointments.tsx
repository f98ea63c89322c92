import { ProviderAppointmentsPage } from '../care/ProviderAppointments';

/** The doctor's appointments: the same page as a hospital's (care/ProviderAppointments.tsx). */
export function AppointmentsPage() {
  return <ProviderAppointmentsPage />;
}
