import { Page } from '../../components/Page';

/** PLACEHOLDER (regulator /): replaced by the page's owner. */
export function HomePage() {
  return <Page title="Statistics">{null}</Page>;
}
