import type { Context } from 'fabric-contract-api';
import type { AccessCheck } from '../../contract';
import { decideAccess, type AccessQuery } from '../../lib/access-decision';
import { recordAccess } from '../../lib/access-log';
import { requireActor } from '../../lib/actors';
import { requireAction, requireCategory } from '../../lib/categories';
import { emitEvent } from '../../lib/events';
import { requirePatientRecord } from '../../lib/patient-records';
import { sortedCopy } from '../../lib/serialization';
import { requireObjectId, requireStakeholderId } from '../../lib/validation';
import { DATA_ACCESSORS } from './parties';

/** The arguments of Consent:checkAccess; recordId '' asks about a whole category. */
export interface AccessCheckArguments {
  patientId: string;
  action: string;
  category: string;
  recordId: string;
}

/** The submitted access check: the decision, logged in the patient's access log when it allows. */
export async function checkAccess(ctx: Context, args: AccessCheckArguments): Promise<AccessCheck> {
  const actor = await requireActor(ctx, DATA_ACCESSORS);
  const query: AccessQuery = {
    patientId: requireStakeholderId('patientId', args.patientId),
    action: requireAction('action', args.action),
    category: requireCategory('category', args.category),
    recordId: args.recordId === '' ? undefined : requireObjectId('recordId', args.recordId),
  };
  const decision = await decideAccess(ctx, actor, query);
  if (query.recordId !== undefined) {
    // After the decision, so a caller without consent learns nothing about the patient's record IDs.
    await requirePatientRecord(ctx, query.patientId, query.recordId, query.category);
  }
  const resource = query.recordId === undefined ? { type: 'category', id: query.category } : { type: 'record', id: query.recordId };
  const entry = await recordAccess(ctx, actor, query, decision, resource);
  emitEvent(ctx, 'checkAccess', { logEntryId: entry.id, patientId: query.patientId, accessorId: actor.stakeholderId, basis: decision.basis, at: entry.at });
  return sortedCopy({ ...query, ...decision, logEntryId: entry.id, at: entry.at });
}
