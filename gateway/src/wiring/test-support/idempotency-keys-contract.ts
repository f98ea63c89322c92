import type { IdempotencyStore } from '../../api/idempotency-store';

/**
 * What every IdempotencyStore promises (part of the gateway store contract, store-contract.ts):
 * claims and take-overs that at most one caller wins, holds only the owner may renew, and records
 * that keep the transaction a run recorded until the run completes.
 */
export function describeIdempotencyKeys(keys: () => IdempotencyStore): void {
  const lease = (owner: string, until = 10_000) => ({ owner, until });

  it('when a key is claimed, completed and claimed again, then the second claim gets the stored answer; another principal may use the same key', async () => {
    const first = await keys().claim('prn_a', 'key-1', 'hash-1', lease('run-1'), 1_000, 0);
    const whileRunning = await keys().claim('prn_a', 'key-1', 'hash-1', lease('run-2'), 1_001, 0);
    await keys().complete('prn_a', 'key-1', 'run-1', 201, '{"id":"x"}');
    const afterwards = await keys().claim('prn_a', 'key-1', 'hash-other', lease('run-3'), 1_002, 0);
    const otherPrincipal = await keys().claim('prn_b', 'key-1', 'hash-1', lease('run-4'), 1_003, 0);

    expect(first).toEqual({ claimed: true });
    expect(whileRunning).toMatchObject({ claimed: false, existing: { status: 'in-progress', requestHash: 'hash-1', owner: 'run-1', leaseUntil: 10_000 } });
    expect(afterwards).toMatchObject({ claimed: false, existing: { status: 'completed', requestHash: 'hash-1', responseStatus: 201, responseBody: '{"id":"x"}', createdAt: 1_000 } });
    expect(otherPrincipal).toEqual({ claimed: true });
  });

  it('when concurrent requests claim one key, then exactly one wins', async () => {
    const claims = await Promise.all(Array.from({ length: 10 }, (_, index) => keys().claim('prn_a', 'raced', 'hash', lease(`run-${index}`), 1_000 + index, 0)));

    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
  });

  it('when a key is released, or its record expired, then it can be claimed again; a completed one is not released', async () => {
    await keys().claim('prn_a', 'released', 'hash', lease('run-1'), 1_000, 0);
    await keys().release('prn_a', 'released', 'run-1');
    await keys().claim('prn_a', 'done', 'hash', lease('run-2'), 1_000, 0);
    await keys().complete('prn_a', 'done', 'run-2', 200, '{}');
    await keys().release('prn_a', 'done', 'run-2');

    expect(await keys().claim('prn_a', 'released', 'hash-2', lease('run-3'), 2_000, 0)).toEqual({ claimed: true });
    expect(await keys().claim('prn_a', 'done', 'hash', lease('run-4'), 2_000, 0)).toMatchObject({ claimed: false });
    expect(await keys().claim('prn_a', 'done', 'hash-3', lease('run-5'), 3_000, 1_500)).toEqual({ claimed: true });
  });

  it('when the owner holds on with a prepared transaction, then it is kept through later holds, and a run that does not hold the key changes nothing', async () => {
    await keys().claim('prn_a', 'held', 'hash', lease('run-1', 5_000), 1_000, 0);

    expect(await keys().hold('prn_a', 'held', lease('run-1', 6_000), '{"txId":"tx-1"}')).toBe(true);
    expect(await keys().hold('prn_a', 'held', lease('run-1', 7_000))).toBe(true);
    expect(await keys().hold('prn_a', 'held', lease('intruder', 99_000), '{"txId":"tx-2"}')).toBe(false);
    await keys().release('prn_a', 'held', 'intruder');
    await keys().complete('prn_a', 'held', 'intruder', 201, '{}');

    expect(await keys().claim('prn_a', 'held', 'hash', lease('run-2'), 2_000, 0)).toMatchObject({
      claimed: false,
      existing: { status: 'in-progress', owner: 'run-1', leaseUntil: 7_000, preparedTransaction: '{"txId":"tx-1"}' },
    });
  });

  it('when a lease has run out, then exactly one of concurrent takers holds the key, with its recorded transaction, and the old owner no longer does', async () => {
    await keys().claim('prn_a', 'stale', 'hash', lease('crashed', 5_000), 1_000, 0);
    await keys().hold('prn_a', 'stale', lease('crashed', 5_000), '{"txId":"tx-1"}');

    const early = await keys().takeOver('prn_a', 'stale', lease('too-soon', 9_000), 4_999);
    const takers = await Promise.all(Array.from({ length: 6 }, (_, index) => keys().takeOver('prn_a', 'stale', lease(`taker-${index}`, 15_000), 5_000)));

    expect(early).toBeUndefined();
    const winners = takers.filter((taken) => taken !== undefined);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ status: 'in-progress', leaseUntil: 15_000, preparedTransaction: '{"txId":"tx-1"}' });
    expect(await keys().hold('prn_a', 'stale', lease('crashed', 20_000))).toBe(false);
    expect(await keys().hold('prn_a', 'stale', lease(winners[0]?.owner ?? '', 20_000))).toBe(true);
  });

  it('when a key is completed or gone, then it cannot be taken over', async () => {
    await keys().claim('prn_a', 'finished', 'hash', lease('run-1', 5_000), 1_000, 0);
    await keys().complete('prn_a', 'finished', 'run-1', 201, '{}');

    expect(await keys().takeOver('prn_a', 'finished', lease('run-2', 20_000), 9_000)).toBeUndefined();
    expect(await keys().takeOver('prn_a', 'never-claimed', lease('run-3', 20_000), 9_000)).toBeUndefined();
  });
}
