import type { Clock } from '../../platform/clock';
import type { NotificationDraft, StoredNotification } from './notification';
import type { NotificationStores } from './notification-store';

export const EXPIRY_HORIZON_MS = 24 * 60 * 60 * 1000;

/**
 * "Consent expiring soon": grants learnt from grant events are watched; a periodic check tells the
 * patient and the grantee once, in the 24 hours before validUntil. The notifications and the
 * "notified" mark are written in one transaction, so a grant is announced exactly once.
 */
export function checkExpiringGrants(stores: NotificationStores, clock: Clock, perPrincipal: number, horizonMs = EXPIRY_HORIZON_MS): Promise<StoredNotification[]> {
  const now = clock();
  return stores.transaction(async ({ notifications: store }) => {
    const due = await store.grantsExpiringBy(now, new Date(now.getTime() + horizonMs));
    const principals = await store.principalsOf(due.flatMap((grant) => [grant.patientId, grant.granteeId]));
    const drafts: NotificationDraft[] = [];
    for (const grant of due) {
      for (const stakeholderId of new Set([grant.patientId, grant.granteeId])) {
        const principalId = principals.get(stakeholderId);
        if (principalId !== undefined) {
          drafts.push({
            principalId,
            body: { type: 'consent.expiring', priority: 'normal', at: now.toISOString(), subject: { grantId: grant.grantId, patientId: grant.patientId, granteeId: grant.granteeId, validUntil: grant.validUntil } },
          });
        }
      }
      await store.markGrantNotified(grant.grantId, now);
    }
    return store.insert(drafts, now, perPrincipal);
  });
}
