import type { Context } from 'fabric-contract-api';
import type { AccessLogEntry } from '../../contract';
import { decideAccess, type AccessQuery } from '../../lib/access-decision';
import { recordRefusal as writeRefusal, type AccessedResource } from '../../lib/access-log';
import { requireActor } from '../../lib/actors';
import { requireAction, requireCategory } from '../../lib/categories';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { sortedCopy } from '../../lib/serialization';
import { requireObjectId, requireStakeholderId } from '../../lib/validation';
import { DATA_ACCESSORS } from '../consent/parties';

/** The arguments of AccessLog:recordRefusal, as strings; '' leaves recordId and the resource out. */
export interface RefusalArguments {
  patientId: string;
  action: string;
  category: string;
  recordId: string;
  resourceType: string;
  resourceId: string;
}

function queryOf(args: RefusalArguments): AccessQuery {
  return {
    patientId: requireStakeholderId('patientId', args.patientId),
    action: requireAction('action', args.action),
    category: requireCategory('category', args.category),
    recordId: args.recordId === '' ? undefined : requireObjectId('recordId', args.recordId),
  };
}

/** The resource the refused access aimed at: as given, else the record, else the category (as Consent:checkAccess names them). */
function resourceOf(args: RefusalArguments, query: AccessQuery): AccessedResource {
  if (args.resourceType !== '' || args.resourceId !== '') {
    return { type: args.resourceType, id: args.resourceId };
  }
  return query.recordId === undefined ? { type: 'category', id: query.category } : { type: 'record', id: query.recordId };
}

/**
 * Whether the access decision refuses the caller now, and with which code. Nothing else is looked
 * at (not whether the record exists, nor whose it is), so the answer tells the caller only what
 * the refused read itself told it.
 */
async function refusalNow(ctx: Context, actor: Awaited<ReturnType<typeof requireActor>>, query: AccessQuery): Promise<'CONSENT_REQUIRED'> {
  try {
    await decideAccess(ctx, actor, query);
  } catch (error) {
    if (error instanceof ChaincodeError && error.code === 'CONSENT_REQUIRED') {
      return error.code;
    }
    throw error;
  }
  throw new ChaincodeError('NOT_REFUSED', `${actor.stakeholderId} may ${query.action} this data; only a refused access is recorded as refused`);
}

/** AccessLog:recordRefusal: the caller's refused access, in the patient's log, if the decision refuses it now. */
export async function recordRefusal(ctx: Context, args: RefusalArguments): Promise<AccessLogEntry> {
  const actor = await requireActor(ctx, DATA_ACCESSORS);
  const query = queryOf(args);
  const resource = resourceOf(args, query);
  const code = await refusalNow(ctx, actor, query);
  const { entry, patientAlert } = await writeRefusal(ctx, actor, query, code, resource);
  emitEvent(ctx, 'recordRefusal', {
    logEntryId: entry.id,
    patientId: entry.patientId,
    accessorId: entry.accessorId,
    outcome: 'refused',
    at: entry.at,
    ...(patientAlert === undefined ? {} : { patientAlert }),
  });
  return sortedCopy(entry);
}
