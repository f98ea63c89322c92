/**
 * Errors every gateway store throws in the same shape, whatever database is behind it, so callers
 * never test a driver's code (SQLite's SQLITE_CONSTRAINT_UNIQUE, PostgreSQL's SQLSTATE 23505).
 */

/** An insert met a row with the same unique key: someone else created it first. */
export class DuplicateKeyError extends Error {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`duplicate key: ${detail}`, options);
    this.name = 'DuplicateKeyError';
  }
}

/**
 * A programming error in the use of a store: a statement outside a transaction issued from inside
 * that transaction's work (it would wait for the transaction to end, which waits for it), a nested
 * transaction, or a transaction's repositories used after it ended.
 */
export class StoreMisuseError extends Error {
  constructor(detail: string) {
    super(`store misuse: ${detail}`);
    this.name = 'StoreMisuseError';
  }
}
