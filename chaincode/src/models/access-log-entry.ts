export type { AccessBasis, AccessLogEntry } from '../contract';
/** Re-exported under its former place for importers that predate contract/. */
export { ACCESS_BASES } from '../contract';

/** Entries live under (patientId, at, id): one patient's log is a time-ordered key range. */
export const ACCESS_LOG_TYPE = 'accessLog';
/**
 * Delta counters for statistics: one key per access under (UTC day, basis, accessor role, entry
 * ID), summed on read. Concurrent accesses never write the same key, so they never collide in
 * MVCC validation the way a single incremented counter would, and a day's count is one key range.
 */
export const ACCESS_COUNTER_TYPE = 'accessCount';
