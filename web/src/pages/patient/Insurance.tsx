import { Page } from '../../components/Page';

/** PLACEHOLDER (patient /insurance): replaced by the page's owner. */
export function InsurancePage() {
  return <Page title="Insurance">{null}</Page>;
}
