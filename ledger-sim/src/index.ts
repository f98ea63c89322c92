export { MemoryLedger } from './memory-ledger';
export { TransactionFailedError } from './errors';
export { FABRIC_CA_ATTRIBUTES_OID } from './identities';
// types.ts holds exactly the ledger's public types, so all of it is exported.
export type * from './types';
export type { LedgerSnapshot } from './snapshot';
