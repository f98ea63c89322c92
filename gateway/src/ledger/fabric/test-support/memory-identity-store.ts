import type { IdentityRecordStore, StoredIdentity } from '../../ledger-port';

/** The IdentityRecordStore contract in memory; copies in and out like a database would. */
export class MemoryIdentityStore implements IdentityRecordStore {
  readonly records = new Map<string, StoredIdentity>();

  get(principalId: string): Promise<StoredIdentity | undefined> {
    const record = this.records.get(principalId);
    return Promise.resolve(record === undefined ? undefined : { ...record });
  }

  put(record: StoredIdentity): Promise<void> {
    this.records.set(record.principalId, { ...record });
    return Promise.resolve();
  }
}
