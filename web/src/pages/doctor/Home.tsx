import { Page } from '../../components/Page';

/** PLACEHOLDER (doctor /): replaced by the page's owner. */
export function HomePage() {
  return <Page title="My patients">{null}</Page>;
}
