/**
 * The synchronous twin of an asynchronous port: the same methods returning their result directly.
 * The SQLite repositories implement it (better-sqlite3 is synchronous); connection-gate.ts turns
 * one back into the port.
 */
export type Synchronous<Port> = {
  [K in keyof Port]: Port[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : Port[K];
};
