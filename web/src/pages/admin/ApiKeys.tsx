import { Page } from '../../components/Page';

/** PLACEHOLDER (admin /api-keys): replaced by the page's owner. */
export function ApiKeysPage() {
  return <Page title="API keys">{null}</Page>;
}
