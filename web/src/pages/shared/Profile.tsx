import { Page } from '../../components/Page';

/** PLACEHOLDER (shared /profile): replaced by the page's owner. */
export function ProfilePage() {
  return <Page title="Directory listing">{null}</Page>;
}
