import type { Principal } from '../identity/principals/principal';
import { DuplicateKeyError } from '../platform/database/store-errors';
import { describePostgresUrl } from '../platform/database/postgres-database';
import { describeWithPostgres, usePostgresDatabase } from '../test-support/postgres-cluster';
import { perTest } from '../test-support/per-test';
import type { GatewayStore } from './gateway-store';
import { openPostgresStore } from './postgres-store';

const HOUR_MS = 3_600_000;

function person(suffix: string, overrides: Partial<Principal> = {}): Principal {
  return {
    id: `prn_${suffix.padEnd(26, '0')}`,
    kind: 'person',
    role: 'patient',
    stakeholderId: `PAT-${suffix.toUpperCase()}`,
    mspId: 'ProvidersMSP',
    displayName: `patient ${suffix}`,
    samlIssuer: 'https://idp.example.org',
    samlNameId: `name-${suffix}`,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

describe('the PostgreSQL URL in logs', () => {
  it('when a URL is described, then user, host, port and database remain and the password is gone', () => {
    const described = describePostgresUrl('postgresql://medledger:s3cret%21@db.internal:5433/ledger?sslmode=require&password=other');

    expect(described).toBe('postgresql://medledger@db.internal:5433/ledger');
    expect(described).not.toMatch(/s3cret|other/);
  });
});

/**
 * What several gateways on one database rely on: two stores over the same database stand for two
 * gateways (each its own pool, as each gateway process has).
 */
describeWithPostgres('two gateway stores on one PostgreSQL database', (cluster) => {
  const database = usePostgresDatabase(cluster);
  const stores = perTest(
    async () => {
      // Both open on the empty database at once, as two gateways starting together would: both migrate.
      const [first, second] = await Promise.all([openPostgresStore({ url: database.url }), openPostgresStore({ url: database.url })]);
      return { first, second };
    },
    ({ first, second }) => Promise.all([first.close(), second.close()]),
  );

  it('when a SAML assertion is consumed on one gateway, then the other refuses it, and of concurrent uses exactly one wins', async () => {
    const notOnOrAfter = new Date(Date.now() + HOUR_MS);

    expect(await stores.first.samlReplay.consumeOnce('assertion-1', notOnOrAfter)).toBe(true);
    expect(await stores.second.samlReplay.consumeOnce('assertion-1', notOnOrAfter)).toBe(false);

    const racing = await Promise.all([stores.first, stores.second, stores.first, stores.second].map((store) => store.samlReplay.consumeOnce('assertion-2', notOnOrAfter)));
    expect(racing.filter(Boolean)).toHaveLength(1);
  });

  it('when a request ID is remembered on one gateway, then the answer is accepted once, on whichever gateway it arrives', async () => {
    await stores.first.samlRequests.remember('request-1', new Date(Date.now() + HOUR_MS));

    const answers = await Promise.all([stores.second.samlRequests.consume('request-1'), stores.first.samlRequests.consume('request-1')]);

    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('when both gateways claim one idempotency key at once, then exactly one claims it and the other reads that claim', async () => {
    const now = Date.now();
    const claims = await Promise.all(
      [stores.first, stores.second, stores.first, stores.second].map((store, index) => store.idempotencyKeys.claim('prn_a', 'key-1', `hash-${index}`, { owner: `run-${index}`, until: now + 10_000 }, now, now - HOUR_MS)),
    );

    const winners = claims.filter((claim) => claim.claimed);
    expect(winners).toHaveLength(1);
    const winner = claims.indexOf(winners[0] ?? { claimed: true });
    for (const claim of claims.filter((candidate) => !candidate.claimed)) {
      expect(claim).toEqual({ claimed: false, existing: expect.objectContaining({ requestHash: `hash-${winner}`, status: 'in-progress' }) as unknown });
    }
  });

  it('when a key is completed on one gateway, then a retry on the other gets the stored response; an expired key is claimed afresh', async () => {
    const now = Date.now();
    await stores.first.idempotencyKeys.claim('prn_a', 'key-2', 'hash', { owner: 'run-1', until: now }, now - 2 * HOUR_MS, now - 3 * HOUR_MS);
    await stores.first.idempotencyKeys.complete('prn_a', 'key-2', 'run-1', 201, '{"id":"x"}');

    expect(await stores.second.idempotencyKeys.claim('prn_a', 'key-2', 'hash', { owner: 'run-2', until: now }, now, now - 3 * HOUR_MS)).toEqual({
      claimed: false,
      existing: expect.objectContaining({ status: 'completed', responseStatus: 201, responseBody: '{"id":"x"}' }) as unknown,
    });
    expect(await stores.second.idempotencyKeys.claim('prn_a', 'key-2', 'hash', { owner: 'run-3', until: now }, now, now - HOUR_MS)).toEqual({ claimed: true });
  });

  it('when a principal is created on both gateways with one SAML subject, then the second insert is a DuplicateKeyError and the first is what both read', async () => {
    const first = person('a1');
    await stores.first.principals.insert(first);

    await expect(stores.second.principals.insert(person('a2', { samlNameId: first.samlNameId }))).rejects.toBeInstanceOf(DuplicateKeyError);

    expect(await stores.second.principals.findBySamlSubject('https://idp.example.org', 'name-a1')).toEqual(first);
  });

  it('when a transaction throws, then none of its writes are kept; when it commits, the other gateway sees all of them', async () => {
    const failing = stores.first.transaction(async (tx) => {
      await tx.principals.insert(person('b1'));
      await tx.samlReplay.consumeOnce('assertion-in-rollback', new Date(Date.now() + HOUR_MS));
      throw new Error('the work failed');
    });
    await expect(failing).rejects.toThrow('the work failed');

    expect(await stores.second.principals.get(person('b1').id)).toBeUndefined();
    expect(await stores.second.samlReplay.consumeOnce('assertion-in-rollback', new Date(Date.now() + HOUR_MS))).toBe(true);

    await stores.first.transaction(async (tx) => {
      await tx.principals.insert(person('b2'));
      await tx.principals.markOnboarded(person('b2').id, new Date());
    });
    expect(await stores.second.principals.isOnboarded(person('b2').id)).toBe(true);
  });

  it('when a transaction is open, then statements of other requests do not wait for it and do not see its writes', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = stores.first.transaction(async (tx) => {
      await tx.principals.insert(person('c1'));
      await held;
    });

    expect(await stores.first.principals.get(person('c1').id)).toBeUndefined();
    release();
    await transaction;
    expect(await stores.first.principals.get(person('c1').id)).toEqual(person('c1', { createdAt: expect.any(String) as unknown as string }));
  });

  it('when the calls of one client are spread over both gateways, then they count in one window, and a hit taken back counts no more', async () => {
    const now = 3_600_000 * 5 + 10;
    const counts = await Promise.all([stores.first, stores.second, stores.first, stores.second].map((store) => store.rateLimits.hit('principal:prn_a', 60_000, now)));

    expect(counts.map(({ count }) => count).sort()).toEqual([1, 2, 3, 4]);
    expect(counts[0]?.resetAt).toBe(3_600_000 * 5 + 60_000);
    await stores.second.rateLimits.unhit('principal:prn_a', 60_000, now);
    expect(await stores.first.rateLimits.hit('principal:prn_a', 60_000, now)).toEqual({ count: 4, resetAt: 3_600_000 * 5 + 60_000 });
    expect(await stores.first.rateLimits.hit('principal:prn_a', 60_000, now + 60_000)).toEqual({ count: 1, resetAt: 3_600_000 * 5 + 120_000 });
  });

  it('when expired rows are purged on one gateway, then they are gone for both and live ones stay', async () => {
    const now = Date.now();
    await stores.first.samlReplay.consumeOnce('old', new Date(now - 1));
    await stores.first.samlReplay.consumeOnce('live', new Date(now + HOUR_MS));

    await stores.second.purgeExpired(new Date(now), HOUR_MS);

    expect(await stores.first.samlReplay.consumeOnce('old', new Date(now + HOUR_MS))).toBe(true);
    expect(await stores.first.samlReplay.consumeOnce('live', new Date(now + HOUR_MS))).toBe(false);
  });
});

describeWithPostgres('opening the PostgreSQL store', (cluster) => {
  const database = usePostgresDatabase(cluster);

  it('when the database cannot be reached, then opening fails and names neither the password nor leaves a pool open', async () => {
    const url = new URL(database.url);
    url.password = 's3cret';
    url.pathname = '/no_such_database';

    const opening: Promise<GatewayStore> = openPostgresStore({ url: url.toString() });

    await expect(opening).rejects.toThrow(/no_such_database/);
    await expect(opening).rejects.not.toThrow(/s3cret/);
  });
});
