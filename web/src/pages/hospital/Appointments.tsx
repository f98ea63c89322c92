import { Page } from '../../components/Page';

/** PLACEHOLDER (hospital /appointments): replaced by the page's owner. */
export function AppointmentsPage() {
  return <Page title="Appointments">{null}</Page>;
}
