import { Page } from '../../components/Page';

/** PLACEHOLDER (insurer /): replaced by the page's owner. */
export function HomePage() {
  return <Page title="Applications">{null}</Page>;
}
