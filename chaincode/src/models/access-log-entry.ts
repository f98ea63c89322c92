import { Property } from 'fabric-contract-api';
import type {
  AccessAction,
  AccessBasis,
  AccessCheck as AccessCheckShape,
  AccessLogEntry as AccessLogEntryShape,
  AccessStats as AccessStatsShape,
  DataCategory,
  Role,
} from '../contract';
import { Model, Optional } from '../lib/object-metadata';

export type { AccessBasis, AccessLogEntry } from '../contract';
/** Re-exported under its former place for importers that predate contract/. */
export { ACCESS_BASES } from '../contract';

/**
 * One read (or edit) of a patient's protected data, written by the transaction that performed it
 * (contract/access-log.ts). It names the data by category and object ID only, never its content.
 */
@Model()
class AccessLogEntry implements AccessLogEntryShape {
  @Property('id', 'string') id!: string;
  @Property('patientId', 'string') patientId!: string;
  @Property('accessorId', 'string') accessorId!: string;
  @Property('accessorRole', 'string') accessorRole!: Role;
  @Property('action', 'string') action!: AccessAction;
  @Property('category', 'string') category!: DataCategory;
  @Optional() @Property('recordId', 'string') recordId?: string;
  @Property('resourceType', 'string') resourceType!: string;
  @Property('resourceId', 'string') resourceId!: string;
  @Property('basis', 'string') basis!: AccessBasis;
  @Optional() @Property('grantId', 'string') grantId?: string;
  @Optional() @Property('delegationId', 'string') delegationId?: string;
  @Optional() @Property('breakGlassId', 'string') breakGlassId?: string;
  @Property('at', 'string') at!: string;
  @Property('txId', 'string') txId!: string;
}

@Model()
class AccessLogPage {
  @Property('items', 'AccessLogEntry[]') items!: AccessLogEntry[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** AccessLog:stats: one UTC day's accesses, per basis and per accessor role. */
@Model()
class AccessStats implements AccessStatsShape {
  @Property('day', 'string') day!: string;
  @Property('total', 'number') total!: number;
  @Property('byBasis', 'Map<string, number>') byBasis!: Record<AccessBasis, number>;
  @Property('byAccessorRole', 'Map<string, number>') byAccessorRole!: Partial<Record<Role, number>>;
}

/** Consent:checkAccess: the access decision for the query and the access-log entry it wrote. */
@Model()
class AccessCheck implements AccessCheckShape {
  @Property('patientId', 'string') patientId!: string;
  @Property('action', 'string') action!: AccessAction;
  @Property('category', 'string') category!: DataCategory;
  @Optional() @Property('recordId', 'string') recordId?: string;
  @Property('basis', 'string') basis!: AccessBasis;
  @Optional() @Property('grantId', 'string') grantId?: string;
  @Optional() @Property('delegationId', 'string') delegationId?: string;
  @Optional() @Property('breakGlassId', 'string') breakGlassId?: string;
  @Property('logEntryId', 'string') logEntryId!: string;
  @Property('at', 'string') at!: string;
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { AccessLogEntry as AccessLogEntryObject, AccessLogPage as AccessLogPageObject, AccessStats as AccessStatsObject, AccessCheck as AccessCheckObject };

/** Entries live under (patientId, at, id): one patient's log is a time-ordered key range. */
export const ACCESS_LOG_TYPE = 'accessLog';
/**
 * Delta counters for statistics: one key per access under (UTC day, basis, accessor role, entry
 * ID), summed on read. Concurrent accesses never write the same key, so they never collide in
 * MVCC validation the way a single incremented counter would, and a day's count is one key range.
 */
export const ACCESS_COUNTER_TYPE = 'accessCount';
