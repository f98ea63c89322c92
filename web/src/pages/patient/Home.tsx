import { Page } from '../../components/Page';

/** PLACEHOLDER (patient /): replaced by the page's owner. */
export function HomePage() {
  return <Page title="Home">{null}</Page>;
}
