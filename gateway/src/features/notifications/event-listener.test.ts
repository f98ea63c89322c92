import type { ChaincodeEvent, Checkpoint, CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import type { CommittedEvent } from '@medledger/ledger-sim';
import type { Principal } from '../../identity/principals/principal';
import { useSqliteStore } from '../../wiring/test-support/sqlite-store';
import type { GatewayStore } from '../../wiring/gateway-store';
import { EmbeddedEventSource } from '../../ledger/embedded/embedded-event-source';
import { EventListener } from './event-listener';
import { FabricEventSource, type ChaincodeEventsOpener } from '../../ledger/fabric/fabric-event-source';
import type { ChaincodeEventSource } from '../../ledger/ledger-events';
import { NotificationHub } from './notification-hub';
import type { NotificationStore, NotificationStores } from './notification-store';
import type { StoredNotification } from './notification';

const quietLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const encoder = new TextEncoder();
let counter = 0;

async function patient(store: GatewayStore): Promise<Principal> {
  counter += 1;
  const principal: Principal = {
    id: `prn_${String(counter).padStart(26, 'p')}`,
    kind: 'person',
    role: 'patient',
    stakeholderId: `pat-listener-${String(counter).padStart(8, '0')}`,
    mspId: 'ProvidersMSP',
    displayName: 'listener test patient',
    createdAt: new Date().toISOString(),
  };
  await store.principals.insert(principal);
  return principal;
}

/** A checkAccess event: one data.accessed notification for the patient. */
function accessEvent(patientId: string, n: number): { eventName: string; payload: Uint8Array } {
  return { eventName: 'checkAccess', payload: encoder.encode(JSON.stringify({ logEntryId: `log-${n}`, patientId, accessorId: 'doc-someone-123456', basis: 'grant', at: new Date().toISOString() })) };
}

/** The slice of MemoryLedger the embedded source reads, with one event per block like the real one. */
class FakeMemoryLedger {
  readonly committed: CommittedEvent[] = [];
  readonly #listeners = new Set<(event: CommittedEvent) => void>();

  commit(eventName: string, payload: Uint8Array): CommittedEvent {
    const event = { txId: `tx-${this.committed.length + 1}`, blockNumber: this.committed.length + 1, chaincodeName: 'medledger', eventName, payload };
    this.committed.push(event);
    this.#listeners.forEach((listener) => { listener(event); });
    return event;
  }

  events(): CommittedEvent[] {
    return [...this.committed];
  }

  onEvent(listener: (event: CommittedEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  blockHeight(): number {
    return this.committed.length + 1;
  }
}

/**
 * A scripted network.getChaincodeEvents: blocks of several events each, honouring the checkpoint
 * (its block, then after its transaction) or else startBlock, then waiting for new blocks.
 */
class ScriptedChaincodeEvents {
  readonly blocks: ChaincodeEvent[][] = [];
  readonly requests: { block: bigint | undefined; afterTransactionId: string | undefined; startBlock: bigint }[] = [];
  #wake: (() => void) | undefined;

  addBlock(events: { eventName: string; payload: Uint8Array }[]): void {
    const blockNumber = BigInt(this.blocks.length);
    this.blocks.push(events.map((event, index) => ({ ...event, blockNumber, transactionId: `b${blockNumber}-tx${index}`, chaincodeName: 'medledger' })));
    this.#wake?.();
  }

  readonly open: ChaincodeEventsOpener = (options: { checkpoint: Checkpoint; startBlock: bigint }) => {
    const block = options.checkpoint.getBlockNumber();
    const afterTransactionId = options.checkpoint.getTransactionId();
    this.requests.push({ block, afterTransactionId, startBlock: options.startBlock });
    let closed = false;
    const blocks = this.blocks;
    const waitForBlock = () => new Promise<void>((resolve) => (this.#wake = resolve));
    async function* stream(): AsyncGenerator<ChaincodeEvent> {
      let next = Number(block ?? options.startBlock);
      let skipping = afterTransactionId !== undefined;
      while (!closed) {
        const events = blocks[next];
        if (events === undefined) {
          await waitForBlock();
          continue;
        }
        for (const event of events) {
          if (skipping) {
            skipping = event.transactionId !== afterTransactionId;
            continue;
          }
          yield event;
        }
        skipping = false;
        next += 1;
      }
    }
    const iterator = stream();
    const close = (): void => {
      closed = true;
      this.#wake?.();
    };
    const iterable: CloseableAsyncIterable<ChaincodeEvent> = { [Symbol.asyncIterator]: () => iterator, close, [Symbol.dispose]: close };
    return Promise.resolve(iterable);
  };
}

/** The store, except that the checkpoint write fails once, after `okCheckpoints` successful ones: a crash between processing and checkpointing. */
function crashingAfter(stores: NotificationStores, okCheckpoints: number): NotificationStores {
  let saved = 0;
  const crashing = (store: NotificationStore): NotificationStore =>
    Object.assign(Object.create(store) as NotificationStore, {
      saveCheckpoint: async (...args: Parameters<NotificationStore['saveCheckpoint']>) => {
        if (saved === okCheckpoints) {
          throw new Error('power cut');
        }
        saved += 1;
        await store.saveCheckpoint(...args);
      },
    });
  return { notifications: stores.notifications, transaction: (work) => stores.transaction((tx) => work({ notifications: crashing(tx.notifications) })) };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error('timed out');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function listenerOf(source: ChaincodeEventSource, store: NotificationStores, delivered: StoredNotification[]): EventListener {
  const hub = new NotificationHub();
  hub.publish = (notifications) => {
    delivered.push(...notifications);
  };
  return new EventListener({ source, store, hub, clock: () => new Date(), logger: quietLogger, perPrincipal: 1_000, retryMs: 60_000 });
}

function logEntriesOf(notifications: readonly StoredNotification[]): string[] {
  return notifications.map((notification) => String(notification.body.subject.logEntryId));
}

describe('the chaincode event listener checkpoint', () => {
  const store = useSqliteStore();

  /** An embedded ledger whose first two access events a listener delivered, checkpointed, and then stopped. */
  async function twoEventsDelivered() {
    const owner = await patient(store);
    const ledger = new FakeMemoryLedger();
    const delivered: StoredNotification[] = [];
    const first = listenerOf(new EmbeddedEventSource(ledger), store, delivered);
    await first.start();
    ledger.commit('checkAccess', accessEvent(owner.stakeholderId, 1).payload);
    ledger.commit('checkAccess', accessEvent(owner.stakeholderId, 2).payload);
    await until(() => first.handled === 2);
    await first.stop();
    return { owner, ledger, delivered };
  }

  it('when the embedded listener crashes after k of N events and restarts from the stored checkpoint, then every event is delivered exactly once', async () => {
    const owner = await patient(store);
    const ledger = new FakeMemoryLedger();
    const total = 12;
    const crashAfter = 5;
    for (let n = 1; n <= 8; n += 1) {
      ledger.commit('checkAccess', accessEvent(owner.stakeholderId, n).payload);
    }
    const delivered: StoredNotification[] = [];

    const first = listenerOf(new EmbeddedEventSource(ledger), crashingAfter(store, crashAfter), delivered);
    await first.start();
    await until(() => first.handled === crashAfter);
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let n = 9; n <= total; n += 1) {
      ledger.commit('checkAccess', accessEvent(owner.stakeholderId, n).payload);
    }
    const restarted = listenerOf(new EmbeddedEventSource(ledger), store, delivered);
    await restarted.start();
    await until(async () => (await store.notifications.after(owner.id, 0, 100)).length === total);
    await restarted.stop();
    await first.stop();

    const expected = Array.from({ length: total }, (_, index) => `log-${index + 1}`);
    expect(first.handled).toBe(crashAfter);
    expect(logEntriesOf(await store.notifications.after(owner.id, 0, 100))).toEqual(expected);
    expect(logEntriesOf(delivered)).toEqual(expected);
    expect(await store.notifications.checkpoint('chaincode-events')).toEqual({ blockNumber: BigInt(total), transactionId: `tx-${total}` });
  });

  it('when the listener restarts cleanly, then it delivers only events committed after its checkpoint', async () => {
    const { owner, ledger, delivered } = await twoEventsDelivered();
    ledger.commit('checkAccess', accessEvent(owner.stakeholderId, 3).payload);

    const second = listenerOf(new EmbeddedEventSource(ledger), store, delivered);
    await second.start();
    await until(() => second.handled === 1);
    await second.stop();

    expect(logEntriesOf(delivered)).toEqual(['log-1', 'log-2', 'log-3']);
  });

  it('when the embedded ledger restarts from a snapshot older than the checkpoint, then its new commits are still delivered', async () => {
    const { owner, delivered } = await twoEventsDelivered();
    const restored = new FakeMemoryLedger();
    restored.commit('checkAccess', accessEvent(owner.stakeholderId, 1).payload);

    const second = listenerOf(new EmbeddedEventSource(restored), store, delivered);
    await second.start();
    restored.commit('checkAccess', accessEvent(owner.stakeholderId, 3).payload);
    await until(() => second.handled === 1);
    await second.stop();

    expect(logEntriesOf(delivered)).toEqual(['log-1', 'log-2', 'log-3']);
  });

  it('when the Fabric listener crashes mid-block and restarts, then getChaincodeEvents resumes after the checkpointed transaction and every event is delivered exactly once', async () => {
    const owner = await patient(store);
    const network = new ScriptedChaincodeEvents();
    let n = 0;
    const next = () => accessEvent(owner.stakeholderId, (n += 1));
    network.addBlock([next(), next(), next()]);
    network.addBlock([next(), next()]);
    network.addBlock([next(), next(), next()]);
    const delivered: StoredNotification[] = [];

    const first = listenerOf(new FabricEventSource(network.open, 'scripted'), crashingAfter(store, 4), delivered);
    await first.start();
    await until(() => first.handled === 4);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const restarted = listenerOf(new FabricEventSource(network.open, 'scripted'), store, delivered);
    await restarted.start();
    network.addBlock([next(), next()]);
    await until(async () => (await store.notifications.after(owner.id, 0, 100)).length === n);
    await restarted.stop();
    await first.stop();

    const expected = Array.from({ length: n }, (_, index) => `log-${index + 1}`);
    expect(logEntriesOf(await store.notifications.after(owner.id, 0, 100))).toEqual(expected);
    expect(logEntriesOf(delivered)).toEqual(expected);
    expect(network.requests).toEqual([
      { block: undefined, afterTransactionId: undefined, startBlock: 0n },
      { block: 1n, afterTransactionId: 'b1-tx0', startBlock: 0n },
    ]);
  });
});
