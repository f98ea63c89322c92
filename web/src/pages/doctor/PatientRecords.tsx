import { Page } from '../../components/Page';

/** PLACEHOLDER (doctor /patient-records): replaced by the page's owner. */
export function PatientRecordsPage() {
  return <Page title="Patient records">{null}</Page>;
}
