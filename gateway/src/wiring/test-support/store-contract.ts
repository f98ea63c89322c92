import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_TTL_MS } from '../../api/idempotency';
import type { DirectoryEntry } from '../../features/directory/directory-entry';
import type { NotificationDraft } from '../../features/notifications/notification';
import type { Principal } from '../../identity/principals/principal';
import type { SessionRecord } from '../../identity/sessions/session-repository';
import type { StoredIdentity } from '../../ledger/ledger-port';
import { DuplicateKeyError } from '../../platform/database/store-errors';
import type { GatewayStore } from '../gateway-store';
import { describeIdempotencyKeys } from './idempotency-keys-contract';

/**
 * What every GatewayStore promises, whatever database is behind it: run it against each
 * implementation (`describeGatewayStore('SQLite', () => openSqliteStore())`). `open` must return an
 * empty, migrated store; the suite closes it after each test.
 */
export function describeGatewayStore(name: string, open: () => GatewayStore | Promise<GatewayStore>): void {
  describe(`the gateway store contract: ${name}`, () => {
    let store: GatewayStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('principals', () => {
      it('when a person is inserted, then it is found by ID and by SAML subject, and nobody else is', async () => {
        const person = newPerson();

        await store.principals.insert(person);

        expect(await store.principals.get(person.id)).toEqual(person);
        expect(await store.principals.findBySamlSubject(person.samlIssuer ?? '', person.samlNameId ?? '')).toEqual(person);
        expect(await store.principals.findBySamlSubject(person.samlIssuer ?? '', 'someone-else')).toBeUndefined();
        expect(await store.principals.get('prn_unknown')).toBeUndefined();
      });

      it('when the same SAML subject or the same organisation is inserted twice, then the second is a DuplicateKeyError and the first stays', async () => {
        const person = newPerson();
        const organisation = newOrganisation();
        await store.principals.insert(person);
        await store.principals.insert(organisation);

        await expect(store.principals.insert({ ...newPerson(), samlIssuer: person.samlIssuer, samlNameId: person.samlNameId })).rejects.toBeInstanceOf(DuplicateKeyError);
        await expect(store.principals.insert({ ...newOrganisation(), displayName: organisation.displayName })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await store.principals.findOrganisation('pharmacy', organisation.displayName)).toEqual(organisation);
      });

      it('when a principal is onboarded and then disabled twice, then it reads onboarded and keeps the first disabling time', async () => {
        const person = newPerson();
        await store.principals.insert(person);

        const before = await store.principals.isOnboarded(person.id);
        await store.principals.markOnboarded(person.id, new Date('2030-01-01T00:00:00Z'));
        await store.principals.disable(person.id, new Date('2030-01-02T00:00:00Z'));
        await store.principals.disable(person.id, new Date('2030-01-03T00:00:00Z'));

        expect([before, await store.principals.isOnboarded(person.id)]).toEqual([false, true]);
        expect((await store.principals.get(person.id))?.disabledAt).toBe('2030-01-02T00:00:00.000Z');
      });
    });

    describe('sessions, tokens and API keys', () => {
      it('when a session is inserted, touched and deleted, then each step reads back, and a principal’s sessions go together', async () => {
        const person = await inserted(store, newPerson());
        const session = newSession(person.id, 1_000);
        const other = newSession(person.id, 1_000);
        await store.sessions.insert(session);
        await store.sessions.insert(other);

        await store.sessions.touch(session.idHash, 5_000);
        const touched = await store.sessions.get(session.idHash);
        await store.sessions.delete(session.idHash);

        expect(touched).toEqual({ ...session, lastSeenAt: 5_000 });
        expect(await store.sessions.get(session.idHash)).toBeUndefined();
        expect(await store.sessions.deleteForPrincipal(person.id)).toBe(1);
        expect(await store.sessions.get(other.idHash)).toBeUndefined();
      });

      it('when a token is revoked, then only its owner can, only once, and revokeAllFor counts the live ones', async () => {
        const owner = await inserted(store, newPerson());
        const stranger = await inserted(store, newPerson());
        const token = { id: `pat_${randomUUID()}`, principalId: owner.id, name: 'laptop', tokenHash: randomUUID(), prefix: 'mlt_ab', scopes: ['read' as const], createdAt: 1_000, expiresAt: 9_000 };
        const second = { ...token, id: `pat_${randomUUID()}`, tokenHash: randomUUID() };
        const third = { ...token, id: `pat_${randomUUID()}`, tokenHash: randomUUID() };
        for (const record of [token, second, third]) {
          await store.tokens.insert(record);
        }

        await store.tokens.markUsed(token.id, 2_000);
        const byStranger = await store.tokens.revoke(token.id, stranger.id, 3_000);
        const byOwner = await store.tokens.revoke(token.id, owner.id, 3_000);
        const again = await store.tokens.revoke(token.id, owner.id, 4_000);

        expect([byStranger, byOwner, again]).toEqual([false, true, false]);
        expect(await store.tokens.findByHash(token.tokenHash)).toEqual({ ...token, lastUsedAt: 2_000, revokedAt: 3_000 });
        expect(await store.tokens.revokeAllFor(owner.id, 5_000)).toBe(2);
        expect((await store.tokens.listForPrincipal(owner.id)).map((record) => record.revokedAt).sort()).toEqual([3_000, 5_000, 5_000]);
        expect(await store.tokens.listForPrincipal(stranger.id)).toEqual([]);
      });

      it('when an API key is rotated and revoked, then it points to its successor, expires no later than asked, and is revoked once', async () => {
        const organisation = await inserted(store, newOrganisation());
        const key = { keyId: `key${randomUUID()}`, principalId: organisation.id, secretHash: 'ab'.repeat(32), scopes: ['read' as const, 'write' as const], createdAt: 1_000, expiresAt: 90_000 };
        await store.apiKeys.insert(key);

        await store.apiKeys.retire(key.keyId, 50_000, 'key-successor');
        await store.apiKeys.retire(key.keyId, 70_000, 'key-successor');
        const revoked = [await store.apiKeys.revoke(key.keyId, 60_000), await store.apiKeys.revoke(key.keyId, 61_000)];

        expect(revoked).toEqual([true, false]);
        expect(await store.apiKeys.get(key.keyId)).toEqual({ ...key, expiresAt: 50_000, replacedBy: 'key-successor', revokedAt: 60_000 });
        expect((await store.apiKeys.list(organisation.id)).map((record) => record.keyId)).toEqual([key.keyId]);
        expect((await store.apiKeys.list()).map((record) => record.keyId)).toContain(key.keyId);
      });
    });

    describe('SAML replay guard and request IDs', () => {
      it('when one assertion ID is consumed many times at once, then exactly one use is accepted', async () => {
        const assertionId = `_${randomUUID()}`;

        const uses = await Promise.all(Array.from({ length: 10 }, () => store.samlReplay.consumeOnce(assertionId, inAnHour())));

        expect(uses.filter(Boolean)).toHaveLength(1);
      });

      it('when a remembered request ID is answered twice, then only the first answer is accepted; an expired or unknown one never is', async () => {
        await store.samlRequests.remember('_live', inAnHour());
        await store.samlRequests.remember('_expired', new Date(Date.now() - 1_000));

        const answers = [await store.samlRequests.consume('_live'), await store.samlRequests.consume('_live'), await store.samlRequests.consume('_expired'), await store.samlRequests.consume('_never')];

        expect(answers).toEqual([true, false, false, false]);
      });
    });

    describe('Fabric identities', () => {
      it('when a record is put again, then the latest is returned, optional fields included', async () => {
        const record: StoredIdentity = { principalId: 'prn_identity', mspId: 'ProvidersMSP', certificatePem: 'certificate', encryptedPrivateKey: 'v1.sealed', notAfter: '2031-01-01T00:00:00.000Z', enrollmentId: 'prn_identity' };

        await store.fabricIdentities.put(record);
        await store.fabricIdentities.put({ ...record, revokedAt: '2030-06-01T00:00:00.000Z' });

        expect(await store.fabricIdentities.get(record.principalId)).toEqual({ ...record, revokedAt: '2030-06-01T00:00:00.000Z' });
        expect(await store.fabricIdentities.get('prn_other')).toBeUndefined();
      });
    });

    describe('idempotency keys', () => {
      describeIdempotencyKeys(() => store.idempotencyKeys);
    });

    describe('notifications', () => {
      it('when notifications are stored, then each principal reads its own after an ID, oldest first, and its backlog keeps the newest', async () => {
        const [alice, bob] = [await inserted(store, newPerson()), await inserted(store, newPerson())];
        const now = new Date('2030-01-01T00:00:00Z');

        const stored = await store.notifications.insert([draft(alice.id, 1), draft(bob.id, 2), draft(alice.id, 3), draft(alice.id, 4)], now, 2);

        const ids = stored.map((notification) => notification.id);
        expect([...ids].sort((a, b) => a - b)).toEqual(ids);
        expect(await store.notifications.after(alice.id, 0, 10)).toEqual([stored[2], stored[3]]);
        expect(await store.notifications.after(alice.id, stored[2]?.id ?? 0, 10)).toEqual([stored[3]]);
        expect(await store.notifications.after(bob.id, 0, 10)).toEqual([stored[1]]);
        expect(await store.notifications.after(alice.id, 0, 1)).toEqual([stored[2]]);
      });

      it('when a checkpoint is saved twice, then the latest is read back, per listener', async () => {
        await store.notifications.saveCheckpoint('listener-a', { blockNumber: 5n, transactionId: 'tx-5' }, new Date());
        await store.notifications.saveCheckpoint('listener-a', { blockNumber: 7n, transactionId: 'tx-7' }, new Date());

        expect(await store.notifications.checkpoint('listener-a')).toEqual({ blockNumber: 7n, transactionId: 'tx-7' });
        expect(await store.notifications.checkpoint('listener-b')).toBeUndefined();
      });

      it('when subjects and grants are remembered, then the first answer stays, disabled principals are not addressed, and an expiring grant is due until it is marked', async () => {
        const [active, disabled] = [await inserted(store, newPerson()), await inserted(store, newPerson())];
        await store.principals.disable(disabled.id, new Date());
        await store.notifications.rememberPatient('obj-1', 'pat-first');
        await store.notifications.rememberPatient('obj-1', 'pat-second');
        const grant = { grantId: 'grant-1', patientId: active.stakeholderId, granteeId: 'doc-000000000001', validUntil: '2030-01-01T12:00:00.000Z' };
        await store.notifications.watchGrant(grant);
        await store.notifications.watchGrant({ ...grant, grantId: 'grant-gone' });
        await store.notifications.unwatchGrant('grant-gone');

        const now = new Date('2030-01-01T00:00:00Z');
        const due = await store.notifications.grantsExpiringBy(now, new Date('2030-01-02T00:00:00Z'));
        await store.notifications.markGrantNotified('grant-1', now);

        expect(await store.notifications.patientOf('obj-1')).toBe('pat-first');
        expect(await store.notifications.patientOf('obj-unknown')).toBeUndefined();
        expect(await store.notifications.principalsOf([active.stakeholderId, disabled.stakeholderId, 'pat-nobody'])).toEqual(new Map([[active.stakeholderId, active.id]]));
        expect(due).toEqual([grant]);
        expect(await store.notifications.grantsExpiringBy(now, new Date('2030-01-02T00:00:00Z'))).toEqual([]);
      });

      it('when the backlog is pruned, then older notifications and grants that expired before go', async () => {
        const person = await inserted(store, newPerson());
        const [old] = await store.notifications.insert([draft(person.id, 1)], new Date('2030-01-01T00:00:00Z'), 10);
        const [recent] = await store.notifications.insert([draft(person.id, 2)], new Date('2030-01-03T00:00:00Z'), 10);
        await store.notifications.watchGrant({ grantId: 'grant-old', patientId: 'pat-000000000001', granteeId: 'doc-000000000001', validUntil: '2030-01-01T12:00:00.000Z' });

        await store.notifications.prune(new Date('2030-01-02T00:00:00Z'));

        expect(old).toBeDefined();
        expect(await store.notifications.after(person.id, 0, 10)).toEqual([recent]);
        expect(await store.notifications.grantsExpiringBy(new Date('2029-12-31T00:00:00Z'), new Date('2030-01-05T00:00:00Z'))).toEqual([]);
      });
    });

    describe('directory', () => {
      it('when entries are put, then they are read by ID, replaced by a second put, and listed after an ID in ID order by role, specialty and text', async () => {
        const cardiologist = entry('doc-directory01', 'doctor', 'Dr Ada Heart', ['Cardiology'], 'Lyon');
        const hospital = entry('hos-directory02', 'hospital', 'Saint Luc', ['MRI', 'cardiology'], 'Brussels');
        const pharmacy = entry('pha-directory03', 'pharmacy', 'Pharmacie 50%_off', [], 'Lyon');
        for (const each of [cardiologist, hospital, pharmacy]) {
          await store.directory.put(each, new Date());
        }
        const moved = { ...cardiologist, city: 'Paris' };
        await store.directory.put(moved, new Date());

        expect(await store.directory.get(cardiologist.stakeholderId)).toEqual(moved);
        expect(await store.directory.get('doc-directory99')).toBeUndefined();
        expect(await ids(store.directory.after({}, '', 10))).toEqual([moved, hospital, pharmacy].map((each) => each.stakeholderId));
        expect(await ids(store.directory.after({}, cardiologist.stakeholderId, 1))).toEqual([hospital.stakeholderId]);
        expect(await ids(store.directory.after({ role: 'doctor' }, '', 10))).toEqual([moved.stakeholderId]);
        expect(await ids(store.directory.after({ specialty: 'CARDIOLOGY' }, '', 10))).toEqual([moved.stakeholderId, hospital.stakeholderId]);
        expect(await ids(store.directory.after({ q: 'lyon' }, '', 10))).toEqual([pharmacy.stakeholderId]);
        expect(await ids(store.directory.after({ q: '50%_' }, '', 10))).toEqual([pharmacy.stakeholderId]);
      });
    });

    describe('purgeExpired', () => {
      it('when expired rows are purged, then expired sessions, replay entries and idempotency keys go, and live ones stay', async () => {
        const person = await inserted(store, newPerson());
        const now = new Date();
        const idleMs = 15 * 60_000;
        const live = newSession(person.id, now.getTime() - 60_000);
        const idle = newSession(person.id, now.getTime() - 2 * idleMs);
        const ended = { ...newSession(person.id, now.getTime() - 60_000), expiresAt: now.getTime() - 1 };
        for (const session of [live, idle, ended]) {
          await store.sessions.insert(session);
        }
        await store.samlReplay.consumeOnce('_expired', new Date(now.getTime() - 1_000));
        await store.samlReplay.consumeOnce('_live', inAnHour());
        await store.idempotencyKeys.claim('prn_a', 'old', 'hash', { owner: 'run-old', until: 0 }, now.getTime() - IDEMPOTENCY_TTL_MS - 1_000, 0);
        await store.idempotencyKeys.claim('prn_a', 'new', 'hash', { owner: 'run-new', until: 0 }, now.getTime(), 0);

        await store.purgeExpired(now, idleMs);

        expect([await store.sessions.get(live.idHash), await store.sessions.get(idle.idHash), await store.sessions.get(ended.idHash)]).toEqual([live, undefined, undefined]);
        expect([await store.samlReplay.consumeOnce('_expired', inAnHour()), await store.samlReplay.consumeOnce('_live', inAnHour())]).toEqual([true, false]);
        expect(await store.idempotencyKeys.claim('prn_a', 'old', 'hash-2', { owner: 'run-2', until: 0 }, now.getTime(), 0)).toEqual({ claimed: true });
        expect(await store.idempotencyKeys.claim('prn_a', 'new', 'hash', { owner: 'run-3', until: 0 }, now.getTime(), 0)).toMatchObject({ claimed: false });
      });
    });

    describe('transactions', () => {
      it('when the work succeeds, then all of its writes are there and its result comes back', async () => {
        const person = newPerson();

        const result = await store.transaction(async (tx) => {
          await tx.principals.insert(person);
          await tx.sessions.insert(newSession(person.id, 1_000));
          return tx.principals.get(person.id);
        });

        expect(result).toEqual(person);
        expect(await store.principals.get(person.id)).toEqual(person);
      });

      it('when the work fails after some writes, then none of them stays and its error comes back', async () => {
        const person = newPerson();
        const session = newSession(person.id, 1_000);

        const failed = store.transaction(async (tx) => {
          await tx.principals.insert(person);
          await tx.sessions.insert(session);
          await tx.notifications.saveCheckpoint('listener-tx', { blockNumber: 1n, transactionId: 'tx-1' }, new Date());
          throw new Error('refused half-way');
        });

        await expect(failed).rejects.toThrow('refused half-way');
        expect([await store.principals.get(person.id), await store.sessions.get(session.idHash), await store.notifications.checkpoint('listener-tx')]).toEqual([undefined, undefined, undefined]);
      });

      it('when a statement inside the work fails (a duplicate), then the whole transaction is undone', async () => {
        const existing = await inserted(store, newPerson());
        const fresh = newPerson();

        const failed = store.transaction(async (tx) => {
          await tx.principals.insert(fresh);
          await tx.principals.insert({ ...newPerson(), samlIssuer: existing.samlIssuer, samlNameId: existing.samlNameId });
        });

        await expect(failed).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await store.principals.get(fresh.id)).toBeUndefined();
      });

      it('when other requests write while a transaction is open, then both sets of writes stay and neither waits forever', async () => {
        const inside = newPerson();
        const outside = newPerson();

        await Promise.all([
          store.transaction(async (tx) => {
            await tx.principals.insert(inside);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }),
          (async () => {
            await new Promise((resolve) => setTimeout(resolve, 5));
            await store.principals.insert(outside);
          })(),
        ]);

        expect([await store.principals.get(inside.id), await store.principals.get(outside.id)]).toEqual([inside, outside]);
      });
    });
  });
}

let people = 0;

function newPerson(): Principal {
  people += 1;
  const unique = randomUUID().replaceAll('-', '').slice(0, 12);
  return { id: `prn_${unique}`, kind: 'person', role: 'patient', stakeholderId: `pat-${unique}`, mspId: 'ProvidersMSP', displayName: `Person ${people}`, samlIssuer: 'https://idp.example', samlNameId: `person-${unique}@example.org`, createdAt: '2030-01-01T00:00:00.000Z' };
}

function newOrganisation(): Principal {
  const unique = randomUUID().replaceAll('-', '').slice(0, 12);
  return { id: `prn_${unique}`, kind: 'organisation', role: 'pharmacy', stakeholderId: `pha-${unique}`, mspId: 'ProvidersMSP', displayName: `Pharmacy ${unique}`, createdAt: '2030-01-01T00:00:00.000Z' };
}

async function inserted(store: GatewayStore, principal: Principal): Promise<Principal> {
  await store.principals.insert(principal);
  return principal;
}

function newSession(principalId: string, at: number): SessionRecord {
  return { idHash: randomUUID(), principalId, csrfToken: randomUUID(), createdAt: at, lastSeenAt: at, expiresAt: at + 8 * 60 * 60_000, authenticatedAt: at };
}

function draft(principalId: string, logEntry: number): NotificationDraft {
  return { principalId, body: { type: 'data.accessed', priority: 'normal', at: '2030-01-01T00:00:00.000Z', subject: { logEntryId: `log-${logEntry}` } } };
}

function entry(stakeholderId: string, role: DirectoryEntry['role'], displayName: string, specialties: string[], city: string): DirectoryEntry {
  return { stakeholderId, role, displayName, specialties, city };
}

async function ids(entries: Promise<DirectoryEntry[]>): Promise<string[]> {
  return (await entries).map((each) => each.stakeholderId);
}

function inAnHour(): Date {
  return new Date(Date.now() + 60 * 60_000);
}
