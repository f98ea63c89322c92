import { Page } from '../../components/Page';

/** PLACEHOLDER (patient /records): replaced by the page's owner. */
export function RecordsPage() {
  return <Page title="Records and files">{null}</Page>;
}
