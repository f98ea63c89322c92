import { ProviderAppointmentsPage } from '../care/ProviderAppointments';

/** The hospital's appointments: the same page as a doctor's (care/ProviderAppointments.tsx). */
export function AppointmentsPage() {
  return <ProviderAppointmentsPage />;
}
