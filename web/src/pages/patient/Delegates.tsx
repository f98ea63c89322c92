import { Page } from '../../components/Page';

/** PLACEHOLDER (patient /delegates): replaced by the page's owner. */
export function DelegatesPage() {
  return <Page title="Delegates">{null}</Page>;
}
