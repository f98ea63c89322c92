import { Page } from '../../components/Page';

/** PLACEHOLDER (hospital /price-list): replaced by the page's owner. */
export function PriceListPage() {
  return <Page title="Price list">{null}</Page>;
}
