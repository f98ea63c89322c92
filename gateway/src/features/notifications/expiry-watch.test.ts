import type { Principal } from '../../identity/principals/principal';
import { useSqliteStore } from '../../wiring/test-support/sqlite-store';
import type { GatewayStore } from '../../wiring/gateway-store';
import { HOUR, ManualClock, MINUTE } from '../../test-support/manual-clock';
import { EventListener } from './event-listener';
import { NotificationsFeature } from './notifications-feature';
import type { StoredNotification } from './notification';

const quietLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const encoder = new TextEncoder();

async function person(store: GatewayStore, role: 'patient' | 'doctor', stakeholderId: string): Promise<Principal> {
  const principal: Principal = {
    id: `prn_${stakeholderId.replace(/[^a-z0-9]/g, '').padEnd(26, 'x').slice(0, 26)}`,
    kind: 'person',
    role,
    stakeholderId,
    mspId: 'ProvidersMSP',
    displayName: `expiry ${role}`,
    createdAt: new Date().toISOString(),
  };
  await store.principals.insert(principal);
  return principal;
}

/** The listener's per-event handling, driven directly (no event source). */
function eventHandler(store: GatewayStore, feature: NotificationsFeature, clock: ManualClock): EventListener {
  const idle = { description: 'none', subscribe: () => ({ ended: Promise.resolve(), close: () => Promise.resolve() }) };
  return new EventListener({ source: idle, store, hub: feature.hub, clock: clock.now, logger: quietLogger, perPrincipal: 200 });
}

describe('consent expiring soon', () => {
  const store = useSqliteStore();

  /** A patient and a doctor (numbered for this test), the feature on a clock set to 2030, and what it delivers. */
  async function setUp(number: string) {
    const clock = new ManualClock(new Date('2030-01-01T00:00:00Z'));
    const patient = await person(store, 'patient', `pat-expiry-0000000${number}`);
    const doctor = await person(store, 'doctor', `doc-expiry-0000000${number}`);
    const feature = new NotificationsFeature({ stores: store, clock: clock.now, logger: quietLogger });
    const delivered: StoredNotification[] = [];
    feature.hub.publish = (notifications) => {
      delivered.push(...notifications);
    };
    return { clock, patient, doctor, feature, delivered };
  }

  it('when a grant expires within 24 hours, then the patient and the grantee are told exactly once, however often the check runs', async () => {
    const { clock, patient, doctor, feature, delivered } = await setUp('1');
    const grant = (grantId: string, validUntil: Date) => ({
      blockNumber: 1n,
      transactionId: `tx-${grantId}`,
      eventName: 'grant',
      payload: encoder.encode(JSON.stringify({ grantId, patientId: patient.stakeholderId, granteeId: doctor.stakeholderId, status: 'active', validFrom: clock.now().toISOString(), validUntil: validUntil.toISOString(), by: patient.stakeholderId, at: clock.now().toISOString() })),
    });
    const handler = eventHandler(store, feature, clock);
    await handler.handle(grant('grant-soon-0001', new Date(clock.now().getTime() + 30 * HOUR)));
    await handler.handle(grant('grant-late-0002', new Date(clock.now().getTime() + 72 * HOUR)));
    delivered.length = 0;

    await feature.housekeeping();
    expect(delivered).toEqual([]);
    clock.advance(7 * HOUR);
    for (let check = 0; check < 5; check += 1) {
      await feature.housekeeping();
      clock.advance(MINUTE);
    }

    expect(delivered.map((notification) => [notification.principalId, notification.body.type, notification.body.subject.grantId])).toEqual([
      [patient.id, 'consent.expiring', 'grant-soon-0001'],
      [doctor.id, 'consent.expiring', 'grant-soon-0001'],
    ]);
  });

  it('when a watched grant is revoked before the check, then no expiry notification is sent', async () => {
    const { clock, patient, doctor, feature } = await setUp('2');
    const handler = eventHandler(store, feature, clock);
    const payload = (status: string) =>
      encoder.encode(JSON.stringify({ grantId: 'grant-gone-0003', patientId: patient.stakeholderId, granteeId: doctor.stakeholderId, status, validUntil: new Date(clock.now().getTime() + 2 * HOUR).toISOString() }));
    await handler.handle({ blockNumber: 1n, transactionId: 'tx-1', eventName: 'grant', payload: payload('active') });
    await handler.handle({ blockNumber: 2n, transactionId: 'tx-2', eventName: 'revoke', payload: payload('revoked') });

    await feature.housekeeping();

    expect((await store.notifications.after(patient.id, 0, 10)).map((notification) => notification.body.type)).toEqual(['consent.granted', 'consent.revoked']);
  });

  it('when a grant comes from an approved access request, then it is watched and announced before it expires', async () => {
    const { clock, patient, doctor, feature, delivered } = await setUp('3');
    const approved = {
      blockNumber: 1n,
      transactionId: 'tx-approve-0003',
      eventName: 'approveRequest',
      payload: encoder.encode(
        JSON.stringify({ requestId: 'req-0003', patientId: patient.stakeholderId, requesterId: doctor.stakeholderId, status: 'approved', grantId: 'grant-req-0003', by: patient.stakeholderId, at: clock.now().toISOString(), validUntil: new Date(clock.now().getTime() + 12 * HOUR).toISOString() }),
      ),
    };
    await eventHandler(store, feature, clock).handle(approved);
    delivered.length = 0;

    await feature.housekeeping();

    expect(delivered.map((notification) => [notification.principalId, notification.body.type])).toEqual([
      [patient.id, 'consent.expiring'],
      [doctor.id, 'consent.expiring'],
    ]);
  });
});
