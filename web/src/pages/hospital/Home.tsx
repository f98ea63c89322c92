import { Page } from '../../components/Page';

/** PLACEHOLDER (hospital /): replaced by the page's owner. */
export function HomePage() {
  return <Page title="Service requests">{null}</Page>;
}
