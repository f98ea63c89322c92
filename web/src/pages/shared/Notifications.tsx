import { Page } from '../../components/Page';

/** PLACEHOLDER (shared /notifications): replaced by the page's owner. */
export function NotificationsPage() {
  return <Page title="Notifications">{null}</Page>;
}
