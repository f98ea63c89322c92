import type { Context } from 'fabric-contract-api';
import type { DataCategory, Role, ServiceRequest, ServiceStatus } from '../../contract';
import { requireActor, type Actor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { addToPartyIndex, movePartyIndex, type PartyPosition } from '../../lib/party-index';
import { sortedCopy } from '../../lib/serialization';
import { objectKey, requireObject, writeObject } from '../../lib/state';
import { hasPassed, txTimeIso } from '../../lib/time';
import { requireObjectId } from '../../lib/validation';
import { endWorkflowGrant } from '../consent/grants';
import { SERVICE_BY_HOSPITAL, SERVICE_BY_PATIENT, SERVICE_BY_REFERRER, SERVICE_DETAILS_TYPE, SERVICE_REQUEST_TYPE, type ServiceAction } from '../../models/service-request';

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
  const isHospital = actor.stakeholderId === request.hospitalId && hospitalSees(request);
  const allowed = side === 'patient' ? isPatient : side === 'hospital' ? isHospital : isPatient || isHospital;
  if (!allowed) {
    const who = side === 'either' ? 'the patient or the hospital' : `the ${side}`;
    throw new ChaincodeError('NOT_OWNER', `only ${who} of service request ${requestId} may do this`);
  }
  return { actor, request };
}

/**
 * Whether the hospital is a party to the request yet: not while it is a referral the patient has
 * not accepted (nor once declined), since the patient has not chosen that hospital.
 */
export function hospitalSees(request: ServiceRequest): boolean {
  return request.status !== 'referred' && request.status !== 'declined';
}

/** The deadline of the request's next step, if it has one (a referral awaits the patient's answer without one). */
export function nextDeadlineOf(request: ServiceRequest): string | undefined {
  const deadlines: Partial<Record<ServiceStatus, string | undefined>> = {
    requested: request.quoteBy,
    quoted: request.acceptBy,
    accepted: request.payBy,
    paid: request.confirmBy,
    confirmed: request.reportBy,
  };
  return deadlines[request.status];
}

/** The deadline of an open request's next step. */
export function deadlineOf(request: ServiceRequest): string {
  const deadline = nextDeadlineOf(request);
  if (deadline === undefined) {
    throw new ChaincodeError('INVALID_STATE', `service request ${request.id} is ${request.status} and has no open step`);
  }
  return deadline;
}

/** The request as every transaction returns it: the report's review judged at transaction time. */
export function viewOf(ctx: Context, request: ServiceRequest): ServiceRequest {
  const deadline = request.reportReviewDeadline;
  const deemed = request.reportReview === 'pending' && deadline !== undefined && hasPassed(ctx, deadline);
  return sortedCopy(deemed ? { ...request, reportReview: 'deemed-accepted' } : request);
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
  if (hospitalSees(before)) {
    await movePartyIndex(ctx, SERVICE_BY_HOSPITAL, hospitalPosition(before), hospitalPosition(after), after.id);
  } else if (hospitalSees(after)) {
    await addToPartyIndex(ctx, SERVICE_BY_HOSPITAL, hospitalPosition(after), after.id);
  }
  const beforeReferrer = referrerPosition(before);
  const afterReferrer = referrerPosition(after);
  if (beforeReferrer !== undefined && afterReferrer !== undefined) {
    await movePartyIndex(ctx, SERVICE_BY_REFERRER, beforeReferrer, afterReferrer, after.id);
  }
  if (after.status === 'reported' || after.status === 'cancelled') {
    await endWorkflowGrant(ctx, after.workflowGrantId, after.status);
    await endWorkflowGrant(ctx, after.referralGrantId, after.status);
  }
  emitEvent(ctx, action, eventOf(after, now));
  return viewOf(ctx, after);
}

export function patientPosition(request: ServiceRequest): PartyPosition {
  return { partyId: request.patientId, status: request.status, sortKey: request.requestedAt };
}

export function hospitalPosition(request: ServiceRequest): PartyPosition {
  return { partyId: request.hospitalId, status: request.status, sortKey: request.requestedAt };
}

/** Where a referral sits in its doctor's list; undefined for a request the patient started. */
export function referrerPosition(request: ServiceRequest): PartyPosition | undefined {
  return request.referredBy === undefined ? undefined : { partyId: request.referredBy, status: request.status, sortKey: request.requestedAt };
}

/**
 * IDs, status and deadlines only; never the details, the service code or amounts. A referral's
 * event names no hospital until the patient accepts it (the hospital is not a party before).
 */
export function eventOf(request: ServiceRequest, at: string): Record<string, unknown> {
  return {
    requestId: request.id,
    patientId: request.patientId,
    hospitalId: hospitalSees(request) ? request.hospitalId : undefined,
    referredBy: request.referredBy,
    status: request.status,
    nextDeadline: nextDeadlineOf(request),
    reportFileId: request.reportFileId,
    reportReview: request.reportReview,
    at,
  };
}
