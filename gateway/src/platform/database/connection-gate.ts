import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from 'better-sqlite3';
import { DuplicateKeyError, StoreMisuseError } from './store-errors';
import type { Synchronous } from './synchronous';

/** Runs one synchronous statement (or a few, in one call) on the connection. */
export type StatementRunner = <R>(statement: () => R) => Promise<R>;

interface OpenTransaction {
  /** Identifies the transaction's own async context and its repositories. */
  readonly token: object;
  /** Resolves when the transaction has committed or rolled back. */
  readonly ended: Promise<void>;
}

/**
 * Asynchronous store ports over ONE synchronous better-sqlite3 connection.
 *
 * A store transaction's work is asynchronous (`await tx.sessions.insert(...)`), so it cannot run
 * inside better-sqlite3's `db.transaction()`, which must finish in one synchronous call. It runs
 * between BEGIN IMMEDIATE and COMMIT instead. While it awaits, the event loop serves other
 * requests, and on one connection their statements would execute INSIDE the open transaction: they
 * would see its uncommitted writes and vanish with its rollback. So the gate serialises the
 * connection:
 * - no transaction open: a statement runs at once (synchronously, like better-sqlite3; the Promise
 *   only carries its result);
 * - a transaction open: statements from outside it wait until it has committed or rolled back;
 *   another transaction waits too; the transaction's own repositories run at once;
 * - misuse fails fast instead of deadlocking: a statement on the OUTER store, or a nested
 *   transaction, issued from inside the work's async context (AsyncLocalStorage), and a
 *   transaction's repositories used after it ended, throw StoreMisuseError.
 * Transactions are therefore as serial as SQLite's single writer already made them; keep their
 * work short and never await the ledger or the network inside one.
 *
 * SQLite's unique-key violations leave the gate as DuplicateKeyError (store-errors.ts), the shape
 * every store throws.
 */
export class ConnectionGate {
  readonly #context = new AsyncLocalStorage<object>();
  #open: OpenTransaction | undefined;

  constructor(private readonly db: Database) {}

  /** A statement outside any transaction: waits while one is open. */
  readonly statement: StatementRunner = <R>(statement: () => R): Promise<R> => {
    const open = this.#open;
    if (open === undefined) {
      return settle(statement);
    }
    if (this.#context.getStore() === open.token) {
      return Promise.reject(new StoreMisuseError('a statement on the store was issued inside a transaction; use the repositories passed to the work'));
    }
    return open.ended.then(() => this.statement(statement));
  };

  /** Runs `work` between BEGIN IMMEDIATE and COMMIT; rolls back if it throws. */
  async transaction<T>(work: (statement: StatementRunner) => Promise<T>): Promise<T> {
    if (this.#open !== undefined && this.#context.getStore() === this.#open.token) {
      throw new StoreMisuseError('transactions do not nest');
    }
    while (this.#open !== undefined) {
      await this.#open.ended;
    }
    const token = {};
    let end = (): void => undefined;
    this.#open = { token, ended: new Promise<void>((resolve) => (end = resolve)) };
    const inThisTransaction: StatementRunner = (statement) =>
      this.#open?.token === token ? settle(statement) : Promise.reject(new StoreMisuseError("a transaction's repositories were used after it ended"));
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.#context.run(token, () => work(inThisTransaction));
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) {
          this.db.exec('ROLLBACK');
        }
        throw error;
      }
    } finally {
      this.#open = undefined;
      end();
    }
  }
}

/**
 * The port over a synchronous implementation: a plain object whose every method runs the
 * implementation's method through `run` (a plain object, not a Proxy, so tests can spy on it).
 */
export function asyncPort<Port extends object>(implementation: Synchronous<Port>, run: StatementRunner): Port {
  const port: Record<string, unknown> = {};
  for (const name of methodNames(implementation)) {
    const method = Reflect.get(implementation, name) as (...args: unknown[]) => unknown;
    port[name] = (...args: unknown[]) => run(() => method.apply(implementation, args));
  }
  return port as Port;
}

/** Method names by prototype: a store transaction builds its repositories' ports anew, so the walk below is done once per class. */
const methodNamesByPrototype = new WeakMap<object, readonly string[]>();

/** The methods of a class instance, its base classes' included. */
function methodNames(instance: object): readonly string[] {
  const own = Object.getPrototypeOf(instance) as object | null;
  if (own === null) {
    return [];
  }
  const known = methodNamesByPrototype.get(own);
  if (known !== undefined) {
    return known;
  }
  const names = new Set<string>();
  for (let prototype: object | null = own; prototype !== null && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype) as object | null) {
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(prototype))) {
      if (name !== 'constructor' && typeof descriptor.value === 'function') {
        names.add(name);
      }
    }
  }
  const found = [...names];
  methodNamesByPrototype.set(own, found);
  return found;
}

function settle<R>(statement: () => R): Promise<R> {
  try {
    return Promise.resolve(statement());
  } catch (error) {
    return Promise.reject(asStoreError(error));
  }
}

function asStoreError(error: unknown): Error {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new DuplicateKeyError((error as Error).message, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
