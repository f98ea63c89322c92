import type { Context } from 'fabric-contract-api';
import type { DataCategory, Role, ServiceRequest, ServiceStatus } from '../../contract';
import { requireActor, type Actor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { movePartyIndex, type PartyPosition } from '../../lib/party-index';
import { sortedCopy } from '../../lib/serialization';
import { objectKey, requireObject, writeObject } from '../../lib/state';
import { hasPassed, txTimeIso } from '../../lib/time';
import { requireObjectId } from '../../lib/validation';
import { endWorkflowGrant } from '../consent/grants';
import { SERVICE_BY_HOSPITAL, SERVICE_BY_PATIENT, SERVICE_DETAILS_TYPE, SERVICE_REQUEST_TYPE, type ServiceAction } from '../../models/service-request';

/* Service-request storage shared by the transactions: keys, loading by party, deadlines, saving. */

const PARTY_ROLES: readonly Role[] = ['patient', 'hospital'];
/** The data category a service request's private details belong to in consent grants. */
export const SERVICE_CATEGORY: DataCategory = 'billing';

export function requestKey(ctx: Context, id: string): string {
  return objectKey(ctx, SERVICE_REQUEST_TYPE, [id]);
}

export function detailsKey(ctx: Context, id: string): string {
  return objectKey(ctx, SERVICE_DETAILS_TYPE, [id]);
}

export async function requireRequest(ctx: Context, id: string): Promise<ServiceRequest> {
  return requireObject<ServiceRequest>(ctx, requestKey(ctx, id), `service request ${id}`);
}

export async function loadAsParty(
  ctx: Context,
  requestId: string,
  side: 'patient' | 'hospital' | 'either',
): Promise<{ actor: Actor; request: ServiceRequest }> {
  const actor = await requireActor(ctx, side === 'either' ? PARTY_ROLES : [side]);
  requireObjectId('requestId', requestId);
  const request = await requireRequest(ctx, requestId);
  const isPatient = actor.stakeholderId === request.patientId;
  const isHospital = actor.stakeholderId === request.hospitalId;
  const allowed = side === 'patient' ? isPatient : side === 'hospital' ? isHospital : isPatient || isHospital;
  if (!allowed) {
    const who = side === 'either' ? 'the patient or the hospital' : `the ${side}`;
    throw new ChaincodeError('NOT_OWNER', `only ${who} of service request ${requestId} may do this`);
  }
  return { actor, request };
}

/** The deadline of an open request's next step. */
export function deadlineOf(request: ServiceRequest): string {
  const deadlines: Partial<Record<ServiceStatus, string | undefined>> = {
    requested: request.quoteBy,
    quoted: request.acceptBy,
    accepted: request.payBy,
    paid: request.confirmBy,
    confirmed: request.reportBy,
  };
  const deadline = deadlines[request.status];
  if (deadline === undefined) {
    throw new ChaincodeError('INVALID_STATE', `service request ${request.id} is ${request.status} and has no open step`);
  }
  return deadline;
}

export function requireBefore(ctx: Context, deadline: string, step: string): void {
  if (hasPassed(ctx, deadline)) {
    throw new ChaincodeError('DEADLINE_PASSED', `the deadline for ${step} was ${deadline}`);
  }
}

export async function save(ctx: Context, action: ServiceAction, before: ServiceRequest, changed: ServiceRequest): Promise<ServiceRequest> {
  const now = txTimeIso(ctx);
  const after: ServiceRequest = { ...changed, updatedAt: now };
  await writeObject(ctx, requestKey(ctx, after.id), after);
  await movePartyIndex(ctx, SERVICE_BY_PATIENT, patientPosition(before), patientPosition(after), after.id);
  await movePartyIndex(ctx, SERVICE_BY_HOSPITAL, hospitalPosition(before), hospitalPosition(after), after.id);
  if (after.status === 'reported' || after.status === 'cancelled') {
    await endWorkflowGrant(ctx, after.workflowGrantId, after.status);
  }
  emitEvent(ctx, action, eventOf(after, now));
  return sortedCopy(after);
}

export function patientPosition(request: ServiceRequest): PartyPosition {
  return { partyId: request.patientId, status: request.status, sortKey: request.requestedAt };
}

export function hospitalPosition(request: ServiceRequest): PartyPosition {
  return { partyId: request.hospitalId, status: request.status, sortKey: request.requestedAt };
}

/** IDs, status and deadlines only; never the details, the service code or amounts. */
export function eventOf(request: ServiceRequest, at: string): Record<string, unknown> {
  const open = request.status !== 'reported' && request.status !== 'cancelled';
  return {
    requestId: request.id,
    patientId: request.patientId,
    hospitalId: request.hospitalId,
    status: request.status,
    nextDeadline: open ? deadlineOf(request) : undefined,
    reportFileId: request.reportFileId,
    at,
  };
}
