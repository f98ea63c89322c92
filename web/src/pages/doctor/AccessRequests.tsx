import { Page } from '../../components/Page';

/** PLACEHOLDER (doctor /access-requests): replaced by the page's owner. */
export function AccessRequestsPage() {
  return <Page title="Access requests">{null}</Page>;
}
