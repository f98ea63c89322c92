import { useEffect } from 'react';
import { NAVIGATION } from '../navigation';
import { unseenLabel } from '../notifications/describe';
import { liveNotifications, useLiveNotifications } from '../notifications/live-store';
import { hrefOf } from '../router';
import { useMe } from '../session';
import '../notifications/notifications.css';

/**
 * The header's live badge: how many notifications arrived since this tab opened (and were not yet
 * looked at), over the one shared stream. Links to the notifications page where the role has one.
 */
export function LiveNotifications() {
  const me = useMe();
  const { unseen } = useLiveNotifications();
  useEffect(() => liveNotifications.use(), []);
  // The visible text is the accessible name ("3 new notifications"), so speech users can say what they see.
  const label = unseenLabel(unseen);
  const className = unseen === 0 ? 'live-badge' : 'live-badge live-badge-new';
  const hasPage = NAVIGATION[me.role].some((entry) => entry.path === '/notifications');
  return hasPage ? (
    <a className={className} href={hrefOf('/notifications')}>
      {label}
    </a>
  ) : (
    <span className={className}>{label}</span>
  );
}
