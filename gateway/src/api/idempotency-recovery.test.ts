import { LedgerError, type PreparedTransaction, type Settlement } from '../ledger/ledger-port';
import type { CallJournal } from '../ledger/ledger-calls';
import { openSqliteStore } from '../wiring/sqlite-store';
import type { GatewayStore } from '../wiring/gateway-store';
import { ManualClock } from '../test-support/manual-clock';
import { Idempotency, IdempotencyError, KEY_LEASE_MS, type CreationLedger, type Outcome } from './idempotency';

/**
 * A keyed creation whose run never finished: the gateway crashed (the run holds its lease and is
 * never heard of again), or the ledger's answer was lost. What a retry with the same key gets, for
 * each thing the ledger may have made of the recorded transaction.
 */

const FN = 'Consent:grant';

/** A ledger the creations below submit to: it records what they send and commits what it is told to. */
class FakeLedger implements CreationLedger {
  readonly submitted: string[] = [];
  readonly committed = new Map<string, string>();
  readonly settled: string[] = [];
  readonly reconfirmed: Outcome[] = [];
  /** What settle() throws instead of answering (the ledger cannot tell yet). */
  settleFailure: Error | undefined;

  /** A creation as LedgerCalls makes it under a journal; `after` decides what happens once the transaction was recorded. */
  creation(after: (txId: string) => Promise<void> = (txId) => this.commit(txId)): (journal: CallJournal | undefined) => Promise<Outcome> {
    return async (journal) => {
      const answered = journal?.takeCommitted(FN);
      if (answered !== undefined) {
        return { status: 201, body: JSON.parse(answered.payload) as unknown };
      }
      const txId = `tx-${String(this.submitted.length + 1)}`;
      this.submitted.push(txId);
      await journal?.prepared({ txId, fn: FN, envelope: 'opaque' });
      await after(txId);
      return { status: 201, body: { id: `grant-of-${txId}` } };
    };
  }

  commit(txId: string): Promise<void> {
    this.committed.set(txId, JSON.stringify({ id: `grant-of-${txId}` }));
    return Promise.resolve();
  }

  settle(transaction: PreparedTransaction): Promise<Settlement> {
    this.settled.push(transaction.txId);
    if (this.settleFailure !== undefined) {
      return Promise.reject(this.settleFailure);
    }
    const payload = this.committed.get(transaction.txId);
    return Promise.resolve(payload === undefined ? { committed: false, txId: transaction.txId } : { committed: true, txId: transaction.txId, payload });
  }

  reconfirm(stored: Outcome): Promise<void> {
    this.reconfirmed.push(stored);
    return Promise.resolve();
  }
}

/** A run cut off where it stands: its promise settles only when the test lets the dead process go. */
function cutOff(): { hang: () => Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  const gone = new Promise<void>((_resolve, reject) => {
    release = () => {
      reject(new Error('the process that ran this is gone'));
    };
  });
  return { hang: () => gone, release };
}

describe('a keyed creation whose first run never finished', () => {
  let store: GatewayStore;
  let clock: ManualClock;
  let idempotency: Idempotency;
  let ledger: FakeLedger;
  const call = { principalId: 'prn_a', key: 'retry-me', method: 'POST', path: '/consents', body: { granteeId: 'doc-1' } };

  beforeEach(() => {
    store = openSqliteStore();
    clock = new ManualClock();
    idempotency = new Idempotency(store.idempotencyKeys, clock.now, Buffer.alloc(32, 9));
    ledger = new FakeLedger();
  });

  afterEach(async () => {
    await store.close();
  });

  /** Starts a run that records its transaction, then hangs (the gateway crashed); resolves once the record holds the transaction. */
  async function crashAfterRecording(commits: boolean): Promise<{ release: () => void; run: Promise<unknown> }> {
    const { hang, release } = cutOff();
    const run = idempotency.run(call, ledger.creation(async (txId) => {
      if (commits) {
        await ledger.commit(txId);
      }
      await hang();
    }), ledger).catch((error: unknown) => error);
    await until(() => ledger.submitted.length === 1);
    return { release, run };
  }

  it('when a retry comes while the lease holds, then 409 IDEMPOTENCY_IN_PROGRESS says how long until it may be taken over', async () => {
    const crashed = await crashAfterRecording(true);
    clock.advance(KEY_LEASE_MS - 2_500);

    const refused = await idempotency.run(call, ledger.creation(), ledger).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(IdempotencyError);
    expect(refused).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS', retryAfterSeconds: 3 });
    expect(ledger.settled).toEqual([]);
    crashed.release();
    await crashed.run;
  });

  it('when its transaction committed, then after the lease a retry settles it and answers the committed grant, with no second submit, and later retries replay it', async () => {
    const crashed = await crashAfterRecording(true);
    clock.advance(KEY_LEASE_MS);

    const recovered = await idempotency.run(call, ledger.creation(), ledger);
    const later = await idempotency.run(call, ledger.creation(), ledger);

    expect(recovered).toEqual({ status: 201, body: { id: 'grant-of-tx-1' }, replayed: true });
    expect(later).toEqual(recovered);
    expect(ledger.submitted).toEqual(['tx-1']);
    expect(ledger.settled).toEqual(['tx-1']);
    expect(ledger.reconfirmed).toHaveLength(2);
    // the dead run's late end changes nothing: it no longer holds the key
    crashed.release();
    await crashed.run;
    expect(await idempotency.run(call, ledger.creation(), ledger)).toEqual(recovered);
  });

  it('when its transaction never committed, then after the lease a retry runs the creation afresh and answers the new grant', async () => {
    const crashed = await crashAfterRecording(false);
    clock.advance(KEY_LEASE_MS);

    const retried = await idempotency.run(call, ledger.creation(), ledger);

    expect(retried).toEqual({ status: 201, body: { id: 'grant-of-tx-2' }, replayed: false });
    expect(ledger.settled).toEqual(['tx-1']);
    expect([...ledger.committed.keys()]).toEqual(['tx-2']);
    crashed.release();
    await crashed.run;
  });

  it('when it crashed before recording any transaction, then after the lease a retry runs afresh without settling anything', async () => {
    const { hang, release } = cutOff();
    let started = false;
    const crashed = idempotency.run(call, () => {
      started = true;
      return hang().then(() => ({ status: 201, body: {} }));
    }, ledger).catch((error: unknown) => error);
    await until(() => started);
    clock.advance(KEY_LEASE_MS);

    const retried = await idempotency.run(call, ledger.creation(), ledger);

    expect(retried).toEqual({ status: 201, body: { id: 'grant-of-tx-1' }, replayed: false });
    expect(ledger.settled).toEqual([]);
    release();
    await crashed;
  });

  it('when the ledger lost the answer (COMMIT_STATUS_UNKNOWN), then the key is kept, not released, and the next retry settles the recorded transaction at once', async () => {
    const lost = ledger.creation(async (txId) => {
      await ledger.commit(txId);
      throw new LedgerError('COMMIT_STATUS_UNKNOWN', `the commit status of ${txId} is unknown`, { txId });
    });

    await expect(idempotency.run(call, lost, ledger)).rejects.toMatchObject({ code: 'COMMIT_STATUS_UNKNOWN' });
    const retried = await idempotency.run(call, ledger.creation(), ledger);

    expect(retried).toEqual({ status: 201, body: { id: 'grant-of-tx-1' }, replayed: true });
    expect(ledger.submitted).toEqual(['tx-1']);
  });

  it('when the ledger cannot tell yet, then that is the answer and the next retry settles again', async () => {
    await crashAfterRecording(true);
    clock.advance(KEY_LEASE_MS);
    ledger.settleFailure = new LedgerError('COMMIT_STATUS_UNKNOWN', 'the commit status of tx-1 is unknown', { txId: 'tx-1' });

    await expect(idempotency.run(call, ledger.creation(), ledger)).rejects.toMatchObject({ code: 'COMMIT_STATUS_UNKNOWN' });
    ledger.settleFailure = undefined;
    const retried = await idempotency.run(call, ledger.creation(), ledger);

    expect(retried).toMatchObject({ status: 201, body: { id: 'grant-of-tx-1' }, replayed: true });
    expect(ledger.settled).toEqual(['tx-1', 'tx-1']);
    expect(ledger.submitted).toEqual(['tx-1']);
  });

  it('when a slow run’s key was taken over meanwhile, then it may not send its transaction: one grant, not two', async () => {
    let proceed: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      proceed = resolve;
    });
    let started = false;
    const slow = idempotency.run(call, async (journal) => {
      started = true;
      await gate;
      return ledger.creation()(journal);
    }, ledger);
    await until(() => started);
    clock.advance(KEY_LEASE_MS);
    const takenOver = await idempotency.run(call, ledger.creation(), ledger);
    proceed();

    await expect(slow).rejects.toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
    expect(takenOver).toMatchObject({ status: 201, replayed: false });
    expect([...ledger.committed.keys()]).toEqual(['tx-1']);
  });

  it('when a refusal comes after a transaction was sent and failed validation, then the key is released for a corrected retry', async () => {
    const refused = ledger.creation((txId) => Promise.reject(new LedgerError('READ_CONFLICT', `transaction ${txId} was not committed: MVCC_READ_CONFLICT`, { txId })));

    await expect(idempotency.run(call, refused, ledger)).rejects.toMatchObject({ code: 'READ_CONFLICT' });
    const corrected = await idempotency.run({ ...call, body: { granteeId: 'doc-2' } }, ledger.creation(), ledger);

    expect(corrected).toMatchObject({ status: 201, replayed: false });
    expect(ledger.settled).toEqual([]);
  });
});

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await condition()) {
      return;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the condition never held');
}
