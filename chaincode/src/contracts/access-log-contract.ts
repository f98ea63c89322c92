import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { ACCESS_BASES, ROLES, isUtcDay, type AccessBasis, type AccessLogEntry, type AccessStats, type Page, type Role } from '../contract';
import { requireActsForPatient } from '../lib/access-decision';
import { queryAccessLog, requireAccessLogFilter } from '../lib/access-log-query';
import { requireActor } from '../lib/actors';
import { ChaincodeError } from '../lib/errors';
import { fromBytes, sortedCopy } from '../lib/serialization';
import { requireStakeholderId } from '../lib/validation';
import { ACCESS_COUNTER_TYPE } from '../models/access-log-entry';
import { recordRefusal } from './access-log/refusals';

function requireDay(day: string): string {
  if (!isUtcDay(day)) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'day must be a UTC date such as 2026-03-01');
  }
  return day;
}

/** Who may read a patient's log: the patient, a delegate in force, and the regulator's oversight. */
async function requireLogReader(ctx: Context, patientId: string): Promise<void> {
  const actor = await requireActor(ctx, ['patient', 'regulator']);
  requireStakeholderId('patientId', patientId);
  if (actor.role !== 'regulator') {
    await requireActsForPatient(ctx, actor, patientId);
  }
}

/**
 * The access log: who read or edited which of a patient's data, or was refused, when, why (the
 * stated purpose) and on what basis (own data, delegation, grant, break-glass). Allowed accesses
 * are written by lib/access-log.ts inside the transactions that access the data; refusals by
 * recordRefusal here, since a refused transaction commits nothing. Lists are newest first.
 */
@Info({ title: 'AccessLog', description: 'Access history for patients, delegates and the regulator' })
export class AccessLogContract extends Contract {
  constructor() {
    super('AccessLog');
  }

  /** The calling patient's access log, newest first. */
  @Transaction(false)
  @Returns('AccessLogPage')
  async listMine(ctx: Context, pageSize: number, bookmark: string): Promise<Page<AccessLogEntry>> {
    return this.queryMine(ctx, '', pageSize, bookmark);
  }

  /** A patient's access log, newest first, for a delegate in force (or the patient) and for the regulator's oversight. */
  @Transaction(false)
  @Returns('AccessLogPage')
  async listForPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<AccessLogEntry>> {
    return this.queryForPatient(ctx, patientId, '', pageSize, bookmark);
  }

  /**
   * The calling patient's access log, newest first, filtered: filterJson is '' or a JSON object
   * with any of accessorId, category, outcome ('allowed' or 'refused'), from and to (instants,
   * inclusive). A page reads at most pageSize entries, so with several filters it may hold fewer
   * (even none) before the last page; follow the bookmark until it is empty.
   */
  @Transaction(false)
  @Returns('AccessLogPage')
  async queryMine(ctx: Context, filterJson: string, pageSize: number, bookmark: string): Promise<Page<AccessLogEntry>> {
    const actor = await requireActor(ctx, ['patient']);
    return queryAccessLog(ctx, actor.stakeholderId, requireAccessLogFilter(filterJson), pageSize, bookmark);
  }

  /** A patient's access log, newest first, filtered as queryMine, for a delegate in force (or the patient) and the regulator. */
  @Transaction(false)
  @Returns('AccessLogPage')
  async queryForPatient(ctx: Context, patientId: string, filterJson: string, pageSize: number, bookmark: string): Promise<Page<AccessLogEntry>> {
    await requireLogReader(ctx, patientId);
    return queryAccessLog(ctx, patientId, requireAccessLogFilter(filterJson), pageSize, bookmark);
  }

  /**
   * Records the caller's own refused access, which its refused transaction could not commit. The
   * access decision runs again for the caller (its stated purpose from the transient field
   * purposeOfUse): the entry is written, with outcome 'refused' and the refusal's code, only if
   * the access is refused now; an allowed access is refused with NOT_REFUSED. recordId ''
   * for a whole category; resourceType and resourceId '' name the record (or the category) itself.
   * At the REFUSALS_BEFORE_NOTICE-th refusal in a UTC day from one accessor to one patient, the
   * event carries patientAlert 'repeated-refusals' and the patient is notified.
   */
  @Transaction()
  @Returns('AccessLogEntry')
  async recordRefusal(
    ctx: Context,
    patientId: string,
    action: string,
    category: string,
    recordId: string,
    resourceType: string,
    resourceId: string,
  ): Promise<AccessLogEntry> {
    return recordRefusal(ctx, { patientId, action, category, recordId, resourceType, resourceId });
  }

  /**
   * Counts of accesses on one UTC day, per basis and per accessor role, for the regulator. Sums the
   * day's delta-counter keys (one per access), so the read is bounded by that day's traffic.
   */
  @Transaction(false)
  @Returns('AccessStats')
  async stats(ctx: Context, day: string): Promise<AccessStats> {
    await requireActor(ctx, ['regulator']);
    requireDay(day);
    const byBasis = Object.fromEntries(ACCESS_BASES.map((basis) => [basis, 0])) as Record<AccessBasis, number>;
    const byAccessorRole: Partial<Record<Role, number>> = {};
    let total = 0;
    const iterator = await ctx.stub.getStateByPartialCompositeKey(ACCESS_COUNTER_TYPE, [day]);
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const [, basis, role] = ctx.stub.splitCompositeKey(next.value.key).attributes;
        const delta = (fromBytes(next.value.value) as { delta?: unknown }).delta;
        const amount = typeof delta === 'number' && Number.isInteger(delta) ? delta : 0;
        if (basis !== undefined && (ACCESS_BASES as readonly string[]).includes(basis)) {
          byBasis[basis as AccessBasis] += amount;
        }
        if (role !== undefined && (ROLES as readonly string[]).includes(role)) {
          byAccessorRole[role as Role] = (byAccessorRole[role as Role] ?? 0) + amount;
        }
        total += amount;
      }
    } finally {
      await iterator.close();
    }
    return sortedCopy({ day, total, byBasis, byAccessorRole });
  }
}
