/** How Idempotency-Key records are kept (api/idempotency.ts): in SQLite, or in PostgreSQL shared by every gateway. */

export interface IdempotencyRecord {
  principalId: string;
  key: string;
  requestHash: string;
  status: 'in-progress' | 'completed';
  responseStatus?: number;
  responseBody?: string;
  createdAt: number;
  /** While in progress: the run holding the key (a random token), and until when (epoch ms). */
  owner?: string;
  leaseUntil?: number;
  /** JSON of the PreparedTransaction the run sent, or was about to send, to the orderer. */
  preparedTransaction?: string;
}

/** A run's hold on a key: its token, and until when (epoch ms) the hold lasts without renewal. */
export interface KeyLease {
  owner: string;
  until: number;
}

export type IdempotencyClaim = { claimed: true } | { claimed: false; existing: IdempotencyRecord };

/** claim() and takeOver() must be atomic: of concurrent calls for one (principal, key), across gateways, at most one wins. */
export interface IdempotencyStore {
  /** A new in-progress record held under `lease`, or the live record already there (an expired one is dropped first). */
  claim(principalId: string, key: string, requestHash: string, lease: KeyLease, now: number, expiredBefore: number): Promise<IdempotencyClaim>;
  /** The in-progress record whose lease ran out by `now`, now held under `lease`; undefined if it is held, completed or gone. */
  takeOver(principalId: string, key: string, lease: KeyLease, now: number): Promise<IdempotencyRecord | undefined>;
  /** The owner's hold moves to lease.until, with the transaction it is about to send if given; false if it no longer holds the key. */
  hold(principalId: string, key: string, lease: KeyLease, preparedTransaction?: string): Promise<boolean>;
  /** Only the owner completes or releases: a run whose key was taken over changes nothing. */
  complete(principalId: string, key: string, owner: string, responseStatus: number, responseBody: string): Promise<void>;
  release(principalId: string, key: string, owner: string): Promise<void>;
  purgeExpired(before: number): Promise<number>;
}
