import { Page } from '../../components/Page';

/** PLACEHOLDER (pharmacy /): replaced by the page's owner. */
export function HomePage() {
  return <Page title="Orders">{null}</Page>;
}
