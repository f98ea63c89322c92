/**
 * What a transaction wants to change, collected during simulation and applied to the world
 * state only if the transaction succeeds (Fabric's read-write set, minus the reads).
 */

/** undefined marks a delete, as in Fabric where an empty value is a delete. */
export type PublicWrite = Uint8Array | undefined;

export type PrivateWrite = { kind: 'put'; value: Uint8Array } | { kind: 'delete' } | { kind: 'purge' };

export interface ChaincodeEventWrite {
  name: string;
  payload: Uint8Array;
}

export class WriteSet {
  /** Last write per key wins, as in Fabric's write set. */
  readonly publicWrites = new Map<string, PublicWrite>();
  readonly privateWrites = new Map<string, Map<string, PrivateWrite>>();
  /** Fabric keeps only the last event a transaction sets. */
  event: ChaincodeEventWrite | undefined;

  putState(key: string, value: Uint8Array): void {
    this.publicWrites.set(key, value.length === 0 ? undefined : copyBytes(value));
  }

  deleteState(key: string): void {
    this.publicWrites.set(key, undefined);
  }

  putPrivateData(collection: string, key: string, value: Uint8Array): void {
    const write: PrivateWrite = value.length === 0 ? { kind: 'delete' } : { kind: 'put', value: copyBytes(value) };
    this.collectionWrites(collection).set(key, write);
  }

  deletePrivateData(collection: string, key: string): void {
    this.collectionWrites(collection).set(key, { kind: 'delete' });
  }

  purgePrivateData(collection: string, key: string): void {
    this.collectionWrites(collection).set(key, { kind: 'purge' });
  }

  setEvent(name: string, payload: Uint8Array): void {
    this.event = { name, payload: copyBytes(payload) };
  }

  private collectionWrites(collection: string): Map<string, PrivateWrite> {
    let writes = this.privateWrites.get(collection);
    if (writes === undefined) {
      writes = new Map();
      this.privateWrites.set(collection, writes);
    }
    return writes;
  }
}

/** Chaincode may reuse its buffers after a put; the ledger must not see later changes. */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(bytes);
}
