export { MemoryLedger } from './memory-ledger';
export { TransactionFailedError } from './errors';
export { FABRIC_CA_ATTRIBUTES_OID } from './identities';
export type {
  CommittedEvent,
  ContractClass,
  IdentitySpec,
  InvokeOptions,
  LedgerIdentity,
  MemoryLedgerOptions,
  TransactionResult,
} from './types';
export type { LedgerSnapshot } from './snapshot';
