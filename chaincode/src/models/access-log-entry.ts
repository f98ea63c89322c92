export type { AccessBasis, AccessLogEntry } from '../contract';
/** Re-exported under its former place for importers that predate contract/. */
export { ACCESS_BASES } from '../contract';

/**
 * Entries live under (patientId, newest-first position, id): one patient's log is a key range that
 * lists newest first (lib/access-log.ts newestFirstPosition). A new type name, so entries written
 * under the former oldest-first layout (patientId, at, id), type 'accessLog', never mix into it.
 */
export const ACCESS_LOG_TYPE = 'accessLogNewest';
/**
 * Indexes of one patient's log by one filter each, newest first: (patientId, value, position, id)
 * with an empty value; the entry is read from ACCESS_LOG_TYPE by (patientId, position, id).
 */
export const ACCESS_LOG_INDEXES = {
  accessorId: 'accessLogByAccessor',
  category: 'accessLogByCategory',
  outcome: 'accessLogByOutcome',
} as const;
/**
 * Delta counters for statistics: one key per access under (UTC day, basis, accessor role, entry
 * ID), summed on read. Concurrent accesses never write the same key, so they never collide in
 * MVCC validation the way a single incremented counter would, and a day's count is one key range.
 */
export const ACCESS_COUNTER_TYPE = 'accessCount';
/** Delta counters of refusals: one key per refusal under (patientId, UTC day, accessorId, entry ID). */
export const REFUSAL_COUNTER_TYPE = 'accessRefusalCount';
