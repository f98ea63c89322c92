import { Page } from '../../components/Page';

/** PLACEHOLDER (patient /prescriptions): replaced by the page's owner. */
export function PrescriptionsPage() {
  return <Page title="Prescriptions and orders">{null}</Page>;
}
