import type { Context } from 'fabric-contract-api';
import { PROFESSIONAL_ROLES, type AccessRequest, type AccessRequestView, type GrantView, type Page } from '../../contract';
import { requireActsForPatient } from '../../lib/access-decision';
import { requireActiveStakeholder, requireActor, type Actor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { pageViaIndex, viewsAt } from '../../lib/indexed-page';
import { requirePurpose } from '../../lib/purposes';
import { sortedCopy } from '../../lib/serialization';
import { objectKey, requireObjectById, writeIndex, writeObject } from '../../lib/state';
import { txTimeIso } from '../../lib/time';
import { requireInstant, requireObjectId, requireStakeholderId } from '../../lib/validation';
import { ACCESS_REQUEST_TYPE, REQUEST_BY_PATIENT_INDEX, REQUEST_BY_REQUESTER_INDEX, requestEffectiveStatus } from '../../models/access-request';
import { isNarrowerOrEqual, parseActions, parseScope, requireValidityWindow } from '../../models/grant';
import { grantResult, requireScopeOfPatient, storeNewGrant } from './grants';
import { DATA_ACCESSORS, PATIENT } from './parties';

/* Access requests: a professional asks, the patient or a delegate approves (in full or in part) or denies. */

async function readRequest(ctx: Context, requestId: string): Promise<AccessRequest> {
  return requireObjectById<AccessRequest>(ctx, ACCESS_REQUEST_TYPE, 'requestId', requestId, 'access request');
}

async function saveRequest(ctx: Context, request: AccessRequest): Promise<void> {
  await writeObject(ctx, objectKey(ctx, ACCESS_REQUEST_TYPE, [request.id]), request);
}

function requestView(request: AccessRequest, now: string): AccessRequestView {
  return { ...request, effectiveStatus: requestEffectiveStatus(request, now) };
}

function requestEventPayload(request: AccessRequest, at: string): Record<string, unknown> {
  return {
    requestId: request.id,
    patientId: request.patientId,
    requesterId: request.requesterId,
    status: request.status,
    grantId: request.grantId,
    by: request.decidedBy ?? request.requesterId,
    at,
  };
}

/** A pending request the caller may decide on (as the patient or a delegate). */
async function requireDecidableRequest(ctx: Context, actor: Actor, requestId: string): Promise<AccessRequest> {
  const request = await readRequest(ctx, requestId);
  await requireActsForPatient(ctx, actor, request.patientId);
  if (request.status !== 'pending') {
    throw new ChaincodeError('INVALID_STATE', `access request ${requestId} is already ${request.status}`);
  }
  return request;
}

/** The arguments of Consent:requestAccess. */
export interface RequestArguments {
  patientId: string;
  actionsJson: string;
  scopeJson: string;
  purpose: string;
  validUntil: string;
}

export async function requestAccess(ctx: Context, args: RequestArguments): Promise<AccessRequestView> {
  const actor = await requireActor(ctx, PROFESSIONAL_ROLES);
  const patientId = requireStakeholderId('patientId', args.patientId);
  const actions = parseActions('actionsJson', args.actionsJson);
  const scope = parseScope('scopeJson', args.scopeJson);
  const purpose = requirePurpose(args.purpose);
  const until = requireInstant('validUntil', args.validUntil);
  const now = txTimeIso(ctx);
  requireValidityWindow(now, until, now);
  await requireActiveStakeholder(ctx, patientId, PATIENT);
  const request: AccessRequest = {
    id: newObjectId(ctx, 'req'),
    patientId,
    requesterId: actor.stakeholderId,
    requesterRole: actor.role,
    actions,
    scope,
    purpose,
    validUntil: until,
    status: 'pending',
    createdAt: now,
    updatedAt: now,
  };
  await saveRequest(ctx, request);
  await writeIndex(ctx, REQUEST_BY_PATIENT_INDEX, [patientId, now, request.id]);
  await writeIndex(ctx, REQUEST_BY_REQUESTER_INDEX, [actor.stakeholderId, now, request.id]);
  emitEvent(ctx, 'requestAccess', requestEventPayload(request, now));
  return sortedCopy(requestView(request, now));
}

/** What the patient side approves of a request: a part of what was asked, for at most as long. */
export interface Approval {
  approvedActionsJson: string;
  approvedScopeJson: string;
  validUntil: string;
}

export async function approveRequest(ctx: Context, requestId: string, approval: Approval): Promise<GrantView> {
  const actor = await requireActor(ctx, PATIENT);
  requireObjectId('requestId', requestId);
  const actions = parseActions('approvedActionsJson', approval.approvedActionsJson);
  const scope = parseScope('approvedScopeJson', approval.approvedScopeJson);
  const until = requireInstant('validUntil', approval.validUntil);
  const request = await requireDecidableRequest(ctx, actor, requestId);
  const now = txTimeIso(ctx);
  if (Date.parse(request.validUntil) <= Date.parse(now)) {
    throw new ChaincodeError('DEADLINE_PASSED', `access request ${requestId} asked for access until ${request.validUntil}, which has passed`);
  }
  if (!isNarrowerOrEqual(request, { actions, scope })) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'an approval may narrow the requested actions and scope, never widen them');
  }
  if (Date.parse(until) > Date.parse(request.validUntil)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `validUntil may be at most the requested ${request.validUntil}`);
  }
  await requireScopeOfPatient(ctx, request.patientId, scope);
  const requester = await requireActiveStakeholder(ctx, request.requesterId, PROFESSIONAL_ROLES);
  const grant = await storeNewGrant(ctx, {
    patientId: request.patientId,
    granteeId: request.requesterId,
    granteeRole: requester.role,
    actions,
    scope,
    purpose: request.purpose,
    validFrom: now,
    validUntil: until,
    createdBy: actor.stakeholderId,
    requestId: request.id,
  });
  const approved: AccessRequest = { ...request, status: 'approved', decidedBy: actor.stakeholderId, decidedAt: now, grantId: grant.id, updatedAt: now };
  await saveRequest(ctx, approved);
  // The grant's end goes with the event so listeners can warn before it expires.
  emitEvent(ctx, 'approveRequest', { ...requestEventPayload(approved, now), validUntil: grant.validUntil });
  return grantResult(grant, now);
}

export async function denyRequest(ctx: Context, requestId: string): Promise<AccessRequestView> {
  const actor = await requireActor(ctx, PATIENT);
  const request = await requireDecidableRequest(ctx, actor, requestId);
  const now = txTimeIso(ctx);
  const denied: AccessRequest = { ...request, status: 'denied', decidedBy: actor.stakeholderId, decidedAt: now, updatedAt: now };
  await saveRequest(ctx, denied);
  emitEvent(ctx, 'denyRequest', requestEventPayload(denied, now));
  return sortedCopy(requestView(denied, now));
}

export async function getRequest(ctx: Context, requestId: string): Promise<AccessRequestView> {
  const actor = await requireActor(ctx, DATA_ACCESSORS);
  const request = await readRequest(ctx, requestId);
  if (actor.stakeholderId !== request.requesterId) {
    await requireActsForPatient(ctx, actor, request.patientId);
  }
  return sortedCopy(requestView(request, txTimeIso(ctx)));
}

export async function listRequestsByPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<AccessRequestView>> {
  const actor = await requireActor(ctx, PATIENT);
  requireStakeholderId('patientId', patientId);
  await requireActsForPatient(ctx, actor, patientId);
  return viewsAt(ctx, await pageViaIndex<AccessRequest>(ctx, REQUEST_BY_PATIENT_INDEX, [patientId], ACCESS_REQUEST_TYPE, pageSize, bookmark), requestView);
}

export async function listRequestsByRequester(ctx: Context, pageSize: number, bookmark: string): Promise<Page<AccessRequestView>> {
  const actor = await requireActor(ctx, PROFESSIONAL_ROLES);
  return viewsAt(ctx, await pageViaIndex<AccessRequest>(ctx, REQUEST_BY_REQUESTER_INDEX, [actor.stakeholderId], ACCESS_REQUEST_TYPE, pageSize, bookmark), requestView);
}
