import { Page } from '../../components/Page';

/** PLACEHOLDER (patient /consents): replaced by the page's owner. */
export function ConsentsPage() {
  return <Page title="Consents">{null}</Page>;
}
