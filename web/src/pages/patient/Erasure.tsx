import { Page } from '../../components/Page';

/** PLACEHOLDER (patient /erasure): replaced by the page's owner. */
export function ErasurePage() {
  return <Page title="Erase my data">{null}</Page>;
}
