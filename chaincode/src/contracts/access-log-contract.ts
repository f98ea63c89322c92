import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { ACCESS_BASES, ROLES, isUtcDay, type AccessBasis, type AccessLogEntry, type AccessStats, type Page, type Role } from '../contract';
import { requireActsForPatient } from '../lib/access-decision';
import { requireActor } from '../lib/actors';
import { ChaincodeError } from '../lib/errors';
import { pageOfObjects } from '../lib/paging';
import { fromBytes, sortedCopy } from '../lib/serialization';
import { requireStakeholderId } from '../lib/validation';
import { ACCESS_COUNTER_TYPE, ACCESS_LOG_TYPE } from '../models/access-log-entry';

function requireDay(day: string): string {
  if (!isUtcDay(day)) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'day must be a UTC date such as 2026-03-01');
  }
  return day;
}

/**
 * The access log: who read or edited which of a patient's data, when, and on what basis (own
 * data, delegation, grant, break-glass). Entries are written by lib/access-log.ts inside the
 * transactions that access the data; this contract only reads them.
 */
@Info({ title: 'AccessLog', description: 'Access history for patients, delegates and the regulator' })
export class AccessLogContract extends Contract {
  constructor() {
    super('AccessLog');
  }

  /** The calling patient's access log, oldest first. */
  @Transaction(false)
  @Returns('AccessLogPage')
  async listMine(ctx: Context, pageSize: number, bookmark: string): Promise<Page<AccessLogEntry>> {
    const actor = await requireActor(ctx, ['patient']);
    return sortedCopy(await pageOfObjects<AccessLogEntry>(ctx, ACCESS_LOG_TYPE, [actor.stakeholderId], pageSize, bookmark));
  }

  /** A patient's access log, for a delegate in force (or the patient) and for the regulator's oversight. */
  @Transaction(false)
  @Returns('AccessLogPage')
  async listForPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<AccessLogEntry>> {
    const actor = await requireActor(ctx, ['patient', 'regulator']);
    requireStakeholderId('patientId', patientId);
    if (actor.role !== 'regulator') {
      await requireActsForPatient(ctx, actor, patientId);
    }
    return sortedCopy(await pageOfObjects<AccessLogEntry>(ctx, ACCESS_LOG_TYPE, [patientId], pageSize, bookmark));
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
