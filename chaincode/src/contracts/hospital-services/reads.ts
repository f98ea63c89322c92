import type { Context } from 'fabric-contract-api';
import {
  SERVICE_STATUSES,
  type Page,
  type ReportDispute,
  type ServiceDetails,
  type ServiceRequest,
  type ServiceRequestWithDetails,
  type ServiceRequestWithDispute,
  type ServiceStatus,
} from '../../contract';
import { decideAccess, type AccessQuery } from '../../lib/access-decision';
import { recordAccess } from '../../lib/access-log';
import { requireActor } from '../../lib/actors';
import { decideAndRecord, pagingFor, partyDecision, recordListRead, recordPartyList } from '../../lib/disclosures';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { pageByParty } from '../../lib/party-index';
import { readPatientPrivate } from '../../lib/private-data';
import { sortedCopy } from '../../lib/serialization';
import { txTimeIso } from '../../lib/time';
import { requireObjectId, requireOneOf, requireStakeholderId } from '../../lib/validation';
import { SERVICE_BY_HOSPITAL, SERVICE_BY_PATIENT, SERVICE_BY_REFERRER } from '../../models/service-request';
import { disputeKey } from './report-review';
import { detailsKey, hospitalSees, requireRequest, SERVICE_CATEGORY, viewOf } from './store';

/* Reads of service requests: the public record for the parties, the logged reads of the details and of a dispute, the lists. */

const READERS = ['patient', 'doctor', 'hospital', 'insurer'] as const;

/** The request's counterparties: its hospital once it sees the request, and the referring doctor. */
function partiesOf(request: ServiceRequest): string[] {
  return [...(hospitalSees(request) ? [request.hospitalId] : []), ...(request.referredBy === undefined ? [] : [request.referredBy])];
}

function queryOf(request: ServiceRequest): AccessQuery {
  return { patientId: request.patientId, action: 'view', category: SERVICE_CATEGORY, recordId: request.id };
}

export async function getRequest(ctx: Context, requestId: string): Promise<ServiceRequest> {
  const actor = await requireActor(ctx, ['patient', 'hospital', 'doctor']);
  requireObjectId('requestId', requestId);
  const request = await requireRequest(ctx, requestId);
  const parties = partiesOf(request);
  if (actor.stakeholderId !== request.patientId && !parties.includes(actor.stakeholderId)) {
    throw new ChaincodeError('NOT_OWNER', `only the patient, the hospital or the referring doctor of service request ${requestId} may do this`);
  }
  await decideAndRecord(ctx, actor, queryOf(request), { type: 'service-request', id: request.id }, parties);
  return viewOf(ctx, request);
}

/** The details: the patient and delegates, the referring doctor (its own reason, as a party), anyone else under a grant. */
export async function accessDetails(ctx: Context, requestId: string): Promise<ServiceRequestWithDetails> {
  const actor = await requireActor(ctx, READERS);
  requireObjectId('requestId', requestId);
  const request = await requireRequest(ctx, requestId);
  const query = queryOf(request);
  const decision = actor.stakeholderId === request.referredBy ? partyDecision(ctx, actor) : await decideAccess(ctx, actor, query);
  const details = await readPatientPrivate<ServiceDetails>(ctx, request.patientId, detailsKey(ctx, request.id), `service request ${request.id}`);
  await recordAccess(ctx, actor, query, decision, { type: 'service-request', id: request.id });
  emitEvent(ctx, 'accessDetails', {
    requestId: request.id,
    patientId: request.patientId,
    accessorId: actor.stakeholderId,
    basis: decision.basis,
    at: txTimeIso(ctx),
  });
  return sortedCopy({ request: viewOf(ctx, request), details: details ?? null, basis: decision.basis });
}

/** A dispute's reason: the patient and delegates, the hospital (as a party: it must answer the dispute), anyone else under a grant. */
export async function accessDispute(ctx: Context, requestId: string): Promise<ServiceRequestWithDispute> {
  const actor = await requireActor(ctx, READERS);
  requireObjectId('requestId', requestId);
  const request = await requireRequest(ctx, requestId);
  const hospital = hospitalSees(request) ? [request.hospitalId] : [];
  const decision = await decideAndRecord(ctx, actor, queryOf(request), { type: 'service-report-dispute', id: request.id }, hospital);
  if (request.reportReview !== 'disputed') {
    throw new ChaincodeError('INVALID_STATE', `the report of service request ${request.id} is not disputed`);
  }
  const dispute = await readPatientPrivate<ReportDispute>(ctx, request.patientId, disputeKey(ctx, request.id), `the dispute of service request ${request.id}`);
  emitEvent(ctx, 'accessDispute', { requestId: request.id, patientId: request.patientId, accessorId: actor.stakeholderId, basis: decision.basis, at: txTimeIso(ctx) });
  return sortedCopy({ request: viewOf(ctx, request), dispute: dispute ?? null, basis: decision.basis });
}

export async function listByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<ServiceRequest>> {
  const actor = await requireActor(ctx, READERS);
  requireStakeholderId('patientId', patientId);
  const filter = requireStatusFilter(status);
  const query: AccessQuery = { patientId, action: 'view', category: SERVICE_CATEGORY };
  const decision = await decideAccess(ctx, actor, query);
  const page = await pageByParty(ctx, SERVICE_BY_PATIENT, patientId, filter, pageSize, bookmark, (id) => requireRequest(ctx, id), pagingFor(decision));
  await recordListRead(ctx, actor, 'service-requests', [{ query, decision }]);
  return viewsOf(ctx, page);
}

/** The calling hospital's requests: referrals appear once the patient accepts them. */
export async function listByHospital(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<ServiceRequest>> {
  const actor = await requireActor(ctx, ['hospital']);
  const filter = requireStatusFilter(status);
  const page = await pageByParty(ctx, SERVICE_BY_HOSPITAL, actor.stakeholderId, filter, pageSize, bookmark, (id) => requireRequest(ctx, id), 'logged');
  await recordPartyList(ctx, actor, 'service-requests', SERVICE_CATEGORY, page.items);
  return viewsOf(ctx, page);
}

/** The calling doctor's referrals, whatever became of them. */
export async function listByReferrer(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<ServiceRequest>> {
  const actor = await requireActor(ctx, ['doctor']);
  const filter = requireStatusFilter(status);
  const page = await pageByParty(ctx, SERVICE_BY_REFERRER, actor.stakeholderId, filter, pageSize, bookmark, (id) => requireRequest(ctx, id), 'logged');
  await recordPartyList(ctx, actor, 'referrals', SERVICE_CATEGORY, page.items);
  return viewsOf(ctx, page);
}

function viewsOf(ctx: Context, page: Page<ServiceRequest>): Page<ServiceRequest> {
  return sortedCopy({ items: page.items.map((request) => viewOf(ctx, request)), bookmark: page.bookmark });
}

function requireStatusFilter(status: string): ServiceStatus | '' {
  return status === '' ? '' : requireOneOf('status', status, SERVICE_STATUSES);
}
