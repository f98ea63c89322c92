import { Page } from '../../components/Page';

/** PLACEHOLDER (patient /appointments): replaced by the page's owner. */
export function AppointmentsPage() {
  return <Page title="Appointments">{null}</Page>;
}
