import type { Context } from 'fabric-contract-api';
import { CURRENCY_PATTERN, MAX_SERVICE_PRICE_MINOR, SERVICE_CODE_PATTERN, SERVICE_DEADLINES, SERVICE_DETAILS_MAX, type ServiceDetails, type ServiceRequest } from '../../contract';
import { requireActiveStakeholder, requireActor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { addToPartyIndex } from '../../lib/party-index';
import { requireTransientJson, writePatientPrivate } from '../../lib/private-data';
import { writeObject } from '../../lib/state';
import { nextStatus } from '../../lib/status-machine';
import { addSeconds, txTime, txTimeIso } from '../../lib/time';
import { requireInstant, requirePattern, requirePositiveInteger, requireStakeholderId, requireText } from '../../lib/validation';
import { SERVICE_BY_HOSPITAL, SERVICE_BY_PATIENT, SERVICE_TRANSITIONS } from '../../models/service-request';
import { requireOfferedService } from './price-lists';
import { deadlineOf, detailsKey, eventOf, hospitalPosition, loadAsParty, patientPosition, requestKey, requireBefore, save, viewOf } from './store';

/* Estimates: the patient asks, the hospital quotes a price locked until validUntil, the patient accepts. */

export async function requestEstimate(ctx: Context, hospitalId: string, serviceCode: string): Promise<ServiceRequest> {
  const actor = await requireActor(ctx, ['patient']);
  requireStakeholderId('hospitalId', hospitalId);
  requirePattern('serviceCode', serviceCode, SERVICE_CODE_PATTERN, "a catalogue code of 2-64 letters, digits, '.', '_' or '-'");
  const details = requireServiceDetails(ctx);
  await requireActiveStakeholder(ctx, hospitalId, ['hospital']);
  await requireOfferedService(ctx, hospitalId, serviceCode);

  const now = txTimeIso(ctx);
  const request: ServiceRequest = {
    id: newObjectId(ctx, 'svc'),
    patientId: actor.stakeholderId,
    hospitalId,
    serviceCode,
    status: 'requested',
    requestedAt: now,
    quoteBy: addSeconds(now, SERVICE_DEADLINES.quoteWithinSeconds),
    updatedAt: now,
  };
  await writeObject(ctx, requestKey(ctx, request.id), request);
  await writePatientPrivate(ctx, request.patientId, detailsKey(ctx, request.id), details);
  await addToPartyIndex(ctx, SERVICE_BY_PATIENT, patientPosition(request), request.id);
  await addToPartyIndex(ctx, SERVICE_BY_HOSPITAL, hospitalPosition(request), request.id);
  emitEvent(ctx, 'requestEstimate', eventOf(request, now));
  return viewOf(ctx, request);
}

export async function quote(ctx: Context, requestId: string, priceMinor: number, currency: string, validUntil: string): Promise<ServiceRequest> {
  const { request } = await loadAsParty(ctx, requestId, 'hospital');
  requirePositiveInteger('priceMinor', priceMinor, MAX_SERVICE_PRICE_MINOR);
  requirePattern('currency', currency, CURRENCY_PATTERN, 'an ISO 4217 code such as EUR');
  const acceptBy = requireInstant('validUntil', validUntil);
  const now = txTimeIso(ctx);
  const latest = addSeconds(now, SERVICE_DEADLINES.maxQuoteValiditySeconds);
  if (Date.parse(acceptBy) <= txTime(ctx).getTime() || Date.parse(acceptBy) > Date.parse(latest)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `validUntil must be after now and no later than ${latest}`);
  }
  const status = nextStatus(SERVICE_TRANSITIONS, 'quote', request.status, `service request ${request.id}`);
  requireBefore(ctx, deadlineOf(request), 'the quote');
  return save(ctx, 'quote', request, { ...request, status, priceMinor, currency, quotedAt: now, acceptBy });
}

export async function accept(ctx: Context, requestId: string): Promise<ServiceRequest> {
  const { request } = await loadAsParty(ctx, requestId, 'patient');
  const status = nextStatus(SERVICE_TRANSITIONS, 'accept', request.status, `service request ${request.id}`);
  requireBefore(ctx, deadlineOf(request), 'accepting the quote (the quote has expired)');
  const now = txTimeIso(ctx);
  return save(ctx, 'accept', request, { ...request, status, acceptedAt: now, payBy: addSeconds(now, SERVICE_DEADLINES.payWithinSeconds) });
}

/** Transient 'service': {details}. */
export function requireServiceDetails(ctx: Context): ServiceDetails {
  const input = requireTransientJson(ctx, 'service');
  if (typeof input.details !== 'string') {
    throw new ChaincodeError('INVALID_ARGUMENT', 'service.details is required');
  }
  return { details: requireText('service.details', input.details, SERVICE_DETAILS_MAX) };
}
