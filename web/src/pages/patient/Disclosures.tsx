import { Page } from '../../components/Page';

/** PLACEHOLDER (patient /disclosures): replaced by the page's owner. */
export function DisclosuresPage() {
  return <Page title="Accounting of disclosures">{null}</Page>;
}
