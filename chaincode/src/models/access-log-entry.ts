import type { AccessAction, DataCategory } from '../lib/categories';

export type AccessBasis = 'owner' | 'delegate' | 'grant' | 'break-glass';
export const ACCESS_BASES: readonly AccessBasis[] = ['owner', 'delegate', 'grant', 'break-glass'];

/**
 * One read (or edit) of a patient's protected data, written by the transaction that performed it.
 * It names the data by category and object ID only, never its content.
 */
export interface AccessLogEntry {
  id: string;
  patientId: string;
  accessorId: string;
  accessorRole: string;
  action: AccessAction;
  category: DataCategory;
  recordId?: string;
  resourceType: string;
  resourceId: string;
  basis: AccessBasis;
  grantId?: string;
  delegationId?: string;
  breakGlassId?: string;
  at: string;
  txId: string;
}

/** Entries live under (patientId, at, id): one patient's log is a time-ordered key range. */
export const ACCESS_LOG_TYPE = 'accessLog';
/**
 * Delta counters for statistics: one key per access under (UTC day, basis, accessor role, entry
 * ID), summed on read. Concurrent accesses never write the same key, so they never collide in
 * MVCC validation the way a single incremented counter would, and a day's count is one key range.
 */
export const ACCESS_COUNTER_TYPE = 'accessCount';
