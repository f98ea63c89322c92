import BetterSqlite3 from 'better-sqlite3';
import { sha256Hex } from '../platform/hashing';
import { deriveKey } from '../platform/secrets/derived-keys';
import { openSqliteStore } from '../wiring/sqlite-store';
import { TEST_MASTER_KEY, useTestGateway } from '../test-support/test-gateway';
import { canonicalJson, Idempotency, IDEMPOTENCY_HEADER, requestHashOf } from './idempotency';
import type { IdempotencyStore } from './idempotency-store';
import { Actors, as } from '../acceptance/test-support/actors';

/** The stored Idempotency-Key request hash is keyed (HMAC), so a guessable clinical body cannot be confirmed from the database. */
describe('Idempotency request hashes', () => {
  const gateway = useTestGateway({ databaseOnDisk: true });

  it('when a POST with clinical text is stored under an Idempotency-Key, then the stored hash is the HMAC under the derived key, not the plain SHA-256', async () => {
    const actors = new Actors(gateway);
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const path = `/patients/${patient.principal.stakeholderId}/break-glass`;
    const body = { reason: 'unconscious' };

    const response = await as(gateway, doctor).post(path).set(IDEMPOTENCY_HEADER, 'hash-1').send(body);

    expect(response.status).toBe(201);
    const db = new BetterSqlite3(gateway.config.databaseFile, { readonly: true });
    const rows = db.prepare('SELECT request_hash FROM idempotency_keys').all() as { request_hash: string }[];
    db.close();
    const call = { method: 'POST', path, body };
    expect(rows).toHaveLength(1);
    expect(rows[0]?.request_hash).not.toBe(sha256Hex(canonicalJson(call)));
    expect(rows[0]?.request_hash).toBe(requestHashOf(deriveKey(TEST_MASTER_KEY, 'idempotency-request-hash'), call));
  });

  it('when two gateways have different master keys, then the same request hashes differently', async () => {
    const store = openSqliteStore();
    const hashes: string[] = [];
    const inner = store.idempotencyKeys;
    const recording: IdempotencyStore = {
      claim: (principalId, key, requestHash, lease, now, expiredBefore) => {
        hashes.push(requestHash);
        return inner.claim(principalId, key, requestHash, lease, now, expiredBefore);
      },
      takeOver: (...args) => inner.takeOver(...args),
      hold: (...args) => inner.hold(...args),
      complete: (...args) => inner.complete(...args),
      release: (...args) => inner.release(...args),
      purgeExpired: (before) => inner.purgeExpired(before),
    };
    const call = { principalId: 'prn_a', method: 'POST', path: '/x', body: { reason: 'chest pain' } };
    const work = () => Promise.resolve({ status: 201, body: {} });
    const ledger = { reconfirm: () => Promise.resolve(), settle: () => Promise.reject(new Error('nothing to settle')) };

    await new Idempotency(recording, () => new Date(), Buffer.alloc(32, 1)).run({ ...call, key: 'a' }, work, ledger);
    await new Idempotency(recording, () => new Date(), Buffer.alloc(32, 2)).run({ ...call, key: 'b' }, work, ledger);
    await store.close();

    expect(hashes).toHaveLength(2);
    expect(hashes[0]).not.toBe(hashes[1]);
    expect(hashes).not.toContain(sha256Hex(canonicalJson({ method: call.method, path: call.path, body: call.body })));
  });
});
