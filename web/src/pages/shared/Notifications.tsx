import { useEffect } from 'react';
import { Time } from '../../components/Display';
import { Empty } from '../../components/Feedback';
import { Page, Section } from '../../components/Page';
import { detailsOf, titleOf } from '../../notifications/describe';
import { liveNotifications, useLiveNotifications, type StreamStatus } from '../../notifications/live-store';

const STATUS_TEXT: Readonly<Record<StreamStatus, string>> = {
  connecting: 'Connecting to live notifications…',
  open: 'Live: new notifications appear here as they happen.',
  stopped: 'Live notifications stopped: your session ended, or the portal is open in too many tabs. Reload this page to reconnect (sign in again if asked).',
};

/**
 * The caller's notifications: those the gateway still keeps (the last 200, up to 7 days), then live
 * ones as they arrive, newest first. Opening this page marks them seen (the header badge clears).
 */
export function NotificationsPage() {
  const { status, items } = useLiveNotifications();
  useEffect(() => liveNotifications.use(), []);
  useEffect(() => liveNotifications.watch(), []);
  return (
    <Page title="Notifications" intro="What happened to your consents, records, orders and requests. Notifications carry IDs and statuses only, never health data.">
      <p className={status === 'stopped' ? 'message warn' : 'hint'}>{STATUS_TEXT[status]}</p>
      <Section title="Recent notifications">
        {items.length === 0 ? (
          <Empty>No notifications yet.</Empty>
        ) : (
          <ul className="notification-list" aria-live="polite">
            {items.map((notification) => (
              <li key={notification.id}>
                <span className={notification.priority === 'high' ? 'notification-title notification-high' : 'notification-title'}>
                  {notification.priority === 'high' ? 'Important: ' : ''}
                  {titleOf(notification)}
                </span>
                <Time iso={notification.at} />
                <span className="notification-details">{detailsOf(notification)}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Page>
  );
}
