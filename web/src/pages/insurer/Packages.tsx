import { Page } from '../../components/Page';

/** PLACEHOLDER (insurer /packages): replaced by the page's owner. */
export function PackagesPage() {
  return <Page title="Packages">{null}</Page>;
}
