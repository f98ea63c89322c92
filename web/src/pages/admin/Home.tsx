import { Page } from '../../components/Page';

/** PLACEHOLDER (admin /): replaced by the page's owner. */
export function HomePage() {
  return <Page title="Verify professionals">{null}</Page>;
}
