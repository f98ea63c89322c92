import type { Context } from 'fabric-contract-api';
import { SERVICE_STATUSES, type Page, type ServiceDetails, type ServiceRequest, type ServiceRequestWithDetails, type ServiceStatus } from '../../contract';
import { decideAccess, type AccessQuery } from '../../lib/access-decision';
import { recordAccess } from '../../lib/access-log';
import { requireActor } from '../../lib/actors';
import { decideAndRecord, pagingFor, recordListRead, recordPartyList } from '../../lib/disclosures';
import { emitEvent } from '../../lib/events';
import { pageByParty } from '../../lib/party-index';
import { readPatientPrivate } from '../../lib/private-data';
import { sortedCopy } from '../../lib/serialization';
import { txTimeIso } from '../../lib/time';
import { requireObjectId, requireOneOf, requireStakeholderId } from '../../lib/validation';
import { SERVICE_BY_HOSPITAL, SERVICE_BY_PATIENT } from '../../models/service-request';
import { detailsKey, loadAsParty, requireRequest, SERVICE_CATEGORY } from './store';

/* Reads of service requests: the public record for the parties, the logged read of the details, the lists. */

export async function getRequest(ctx: Context, requestId: string): Promise<ServiceRequest> {
  const { actor, request } = await loadAsParty(ctx, requestId, 'either');
  const query: AccessQuery = { patientId: request.patientId, action: 'view', category: SERVICE_CATEGORY, recordId: request.id };
  await decideAndRecord(ctx, actor, query, { type: 'service-request', id: request.id }, [request.hospitalId]);
  return sortedCopy(request);
}

export async function accessDetails(ctx: Context, requestId: string): Promise<ServiceRequestWithDetails> {
  const actor = await requireActor(ctx, ['patient', 'doctor', 'hospital', 'insurer']);
  requireObjectId('requestId', requestId);
  const request = await requireRequest(ctx, requestId);
  const query: AccessQuery = { patientId: request.patientId, action: 'view', category: SERVICE_CATEGORY, recordId: request.id };
  const decision = await decideAccess(ctx, actor, query);
  const details = await readPatientPrivate<ServiceDetails>(ctx, request.patientId, detailsKey(ctx, request.id), `service request ${request.id}`);
  await recordAccess(ctx, actor, query, decision, { type: 'service-request', id: request.id });
  emitEvent(ctx, 'accessDetails', {
    requestId: request.id,
    patientId: request.patientId,
    accessorId: actor.stakeholderId,
    basis: decision.basis,
    at: txTimeIso(ctx),
  });
  return sortedCopy({ request, details: details ?? null, basis: decision.basis });
}

export async function listByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<ServiceRequest>> {
  const actor = await requireActor(ctx, ['patient', 'doctor', 'hospital', 'insurer']);
  requireStakeholderId('patientId', patientId);
  const filter = requireStatusFilter(status);
  const query: AccessQuery = { patientId, action: 'view', category: SERVICE_CATEGORY };
  const decision = await decideAccess(ctx, actor, query);
  const page = await pageByParty(ctx, SERVICE_BY_PATIENT, patientId, filter, pageSize, bookmark, (id) => requireRequest(ctx, id), pagingFor(decision));
  await recordListRead(ctx, actor, 'service-requests', [{ query, decision }]);
  return sortedCopy(page);
}

export async function listByHospital(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<ServiceRequest>> {
  const actor = await requireActor(ctx, ['hospital']);
  const filter = requireStatusFilter(status);
  const page = await pageByParty(ctx, SERVICE_BY_HOSPITAL, actor.stakeholderId, filter, pageSize, bookmark, (id) => requireRequest(ctx, id), 'logged');
  await recordPartyList(ctx, actor, 'service-requests', SERVICE_CATEGORY, page.items);
  return sortedCopy(page);
}

function requireStatusFilter(status: string): ServiceStatus | '' {
  return status === '' ? '' : requireOneOf('status', status, SERVICE_STATUSES);
}
