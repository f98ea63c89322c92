import { Page } from '../../components/Page';

/** PLACEHOLDER (doctor /prescriptions): replaced by the page's owner. */
export function PrescriptionsPage() {
  return <Page title="Prescriptions">{null}</Page>;
}
