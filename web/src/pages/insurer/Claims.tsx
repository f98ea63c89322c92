import { Page } from '../../components/Page';

/** PLACEHOLDER (insurer /claims): replaced by the page's owner. */
export function ClaimsPage() {
  return <Page title="Claims">{null}</Page>;
}
