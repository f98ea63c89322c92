import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  CURRENCY_PATTERN,
  MAX_SERVICE_PRICE_MINOR,
  SERVICE_CODE_PATTERN,
  SERVICE_DEADLINES,
  SERVICE_DETAILS_MAX,
  SERVICE_PAYMENT_METHODS,
  SERVICE_STATUSES,
  type DataCategory,
  type Page,
  type Role,
  type ServiceDetails,
  type ServiceRequest,
  type ServiceRequestWithDetails,
  type ServiceStatus,
} from '../contract';
import { decideAccess, type AccessQuery } from '../lib/access-decision';
import { recordAccess } from '../lib/access-log';
import { requireActiveStakeholder, requireActor, type Actor } from '../lib/actors';
import { ChaincodeError } from '../lib/errors';
import { emitEvent } from '../lib/events';
import { newObjectId } from '../lib/ids';
import { requireFileHead } from '../lib/medical-files';
import { addToPartyIndex, movePartyIndex, pageByParty, type PartyPosition } from '../lib/party-index';
import { HEALTH_COLLECTION, requireTransientJson } from '../lib/private-data';
import { sortedCopy } from '../lib/serialization';
import { objectKey, readPrivate, requireObject, writeObject, writePrivate } from '../lib/state';
import { nextStatus } from '../lib/status-machine';
import { addSeconds, hasPassed, txTime, txTimeIso } from '../lib/time';
import { requireInstant, requireObjectId, requireOneOf, requirePattern, requirePositiveInteger, requireStakeholderId, requireText } from '../lib/validation';
import {
  SERVICE_BY_HOSPITAL,
  SERVICE_BY_PATIENT,
  SERVICE_DETAILS_TYPE,
  SERVICE_REQUEST_TYPE,
  SERVICE_TRANSITIONS,
  type ServiceAction,
} from '../models/service-request';

const PARTY_ROLES: readonly Role[] = ['patient', 'hospital'];
/** The data category a service request's private details belong to in consent grants. */
export const SERVICE_CATEGORY: DataCategory = 'billing';

/**
 * Hospital services from estimate to lab report: the patient asks for an estimate, the hospital
 * quotes a price locked until validUntil, the patient accepts and pays, the hospital confirms
 * the payment and attaches the report (a medical file created through Records). Each step has a
 * deadline; a party left waiting past one may cancel.
 */
@Info({ title: 'HospitalService', description: 'Estimates, price locks, payments and reports for hospital services' })
export class HospitalServiceContract extends Contract {
  constructor() {
    super('HospitalService');
  }

  /** The patient asks a verified hospital for an estimate. Transient 'service': {details}. */
  @Transaction()
  @Returns('ServiceRequest')
  async requestEstimate(ctx: Context, hospitalId: string, serviceCode: string): Promise<ServiceRequest> {
    const actor = await requireActor(ctx, ['patient']);
    requireStakeholderId('hospitalId', hospitalId);
    requirePattern('serviceCode', serviceCode, SERVICE_CODE_PATTERN, "a catalogue code of 2-64 letters, digits, '.', '_' or '-'");
    const details = requireServiceDetails(ctx);
    await requireActiveStakeholder(ctx, hospitalId, ['hospital']);

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
    await writePrivate(ctx, HEALTH_COLLECTION, detailsKey(ctx, request.id), details);
    await addToPartyIndex(ctx, SERVICE_BY_PATIENT, patientPosition(request), request.id);
    await addToPartyIndex(ctx, SERVICE_BY_HOSPITAL, hospitalPosition(request), request.id);
    emitEvent(ctx, 'requestEstimate', eventOf(request, now));
    return sortedCopy(request);
  }

  /** The hospital quotes before quoteBy; the price is locked until validUntil (the acceptance deadline). */
  @Transaction()
  @Returns('ServiceRequest')
  async quote(ctx: Context, requestId: string, priceMinor: number, currency: string, validUntil: string): Promise<ServiceRequest> {
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
    requireBefore(ctx, request.quoteBy, 'the quote');
    return save(ctx, 'quote', request, { ...request, status, priceMinor, currency, quotedAt: now, acceptBy });
  }

  /** The patient accepts the quoted price while the quote is valid. */
  @Transaction()
  @Returns('ServiceRequest')
  async accept(ctx: Context, requestId: string): Promise<ServiceRequest> {
    const { request } = await loadAsParty(ctx, requestId, 'patient');
    const status = nextStatus(SERVICE_TRANSITIONS, 'accept', request.status, `service request ${request.id}`);
    requireBefore(ctx, deadlineOf(request), 'accepting the quote (the quote has expired)');
    const now = txTimeIso(ctx);
    return save(ctx, 'accept', request, { ...request, status, acceptedAt: now, payBy: addSeconds(now, SERVICE_DEADLINES.payWithinSeconds) });
  }

  /** The patient records paying the accepted price, online or in cash, before payBy. */
  @Transaction()
  @Returns('ServiceRequest')
  async recordPayment(ctx: Context, requestId: string, method: string, paymentRef: string): Promise<ServiceRequest> {
    const { request } = await loadAsParty(ctx, requestId, 'patient');
    const paymentMethod = requireOneOf('method', method, SERVICE_PAYMENT_METHODS);
    requireObjectId('paymentRef', paymentRef);
    const status = nextStatus(SERVICE_TRANSITIONS, 'recordPayment', request.status, `service request ${request.id}`);
    requireBefore(ctx, deadlineOf(request), 'the payment');
    const now = txTimeIso(ctx);
    return save(ctx, 'recordPayment', request, {
      ...request,
      status,
      paymentMethod,
      paymentRef,
      paidAt: now,
      confirmBy: addSeconds(now, SERVICE_DEADLINES.confirmWithinSeconds),
    });
  }

  /** The hospital confirms it received the payment (late confirmation is accepted while nobody has cancelled). */
  @Transaction()
  @Returns('ServiceRequest')
  async confirmPayment(ctx: Context, requestId: string): Promise<ServiceRequest> {
    const { request } = await loadAsParty(ctx, requestId, 'hospital');
    const status = nextStatus(SERVICE_TRANSITIONS, 'confirmPayment', request.status, `service request ${request.id}`);
    const now = txTimeIso(ctx);
    return save(ctx, 'confirmPayment', request, {
      ...request,
      status,
      confirmedAt: now,
      reportBy: addSeconds(now, SERVICE_DEADLINES.reportWithinSeconds),
    });
  }

  /** The hospital attaches the report: an active medical file of the same patient, created through Records. */
  @Transaction()
  @Returns('ServiceRequest')
  async attachReport(ctx: Context, requestId: string, fileId: string): Promise<ServiceRequest> {
    const { request } = await loadAsParty(ctx, requestId, 'hospital');
    requireObjectId('fileId', fileId);
    const status = nextStatus(SERVICE_TRANSITIONS, 'attachReport', request.status, `service request ${request.id}`);
    const file = await requireFileHead(ctx, fileId);
    if (file.patientId !== request.patientId) {
      throw new ChaincodeError('NOT_OWNER', `medical file ${fileId} does not belong to the patient of service request ${request.id}`);
    }
    if (file.status !== 'active') {
      throw new ChaincodeError('INVALID_STATE', `medical file ${fileId} is ${file.status}`);
    }
    return save(ctx, 'attachReport', request, { ...request, status, reportFileId: fileId, reportedAt: txTimeIso(ctx) });
  }

  /**
   * Cancels an open request. The party that owes the next step may cancel at any time; the party
   * waiting for it only once that step's deadline has passed without it.
   */
  @Transaction()
  @Returns('ServiceRequest')
  async cancel(ctx: Context, requestId: string): Promise<ServiceRequest> {
    const { actor, request } = await loadAsParty(ctx, requestId, 'either');
    const status = nextStatus(SERVICE_TRANSITIONS, 'cancel', request.status, `service request ${request.id}`);
    const actingSide = actor.stakeholderId === request.patientId ? 'patient' : 'hospital';
    const deadline = deadlineOf(request);
    if (actingSide !== owingSide(request.status) && !hasPassed(ctx, deadline)) {
      throw new ChaincodeError(
        'DEADLINE_NOT_REACHED',
        `the ${owingSide(request.status)} has until ${deadline} for the next step; the ${actingSide} may cancel only after that`,
      );
    }
    const now = txTimeIso(ctx);
    return save(ctx, 'cancel', request, { ...request, status, cancelledBy: actor.stakeholderId, cancelledAt: now });
  }

  /** The public record (no details), for the patient or the hospital. */
  @Transaction(false)
  @Returns('ServiceRequest')
  async get(ctx: Context, requestId: string): Promise<ServiceRequest> {
    const { request } = await loadAsParty(ctx, requestId, 'either');
    return sortedCopy(request);
  }

  /**
   * The request with its private details, decided like other patient data (category 'billing',
   * record ID = request ID): the patient and delegates always, the hospital or anyone else under a
   * grant. Submitted, because every read of private data is logged.
   */
  @Transaction()
  @Returns('ServiceRequestWithDetails')
  async accessDetails(ctx: Context, requestId: string): Promise<ServiceRequestWithDetails> {
    const actor = await requireActor(ctx, ['patient', 'doctor', 'hospital', 'insurer']);
    requireObjectId('requestId', requestId);
    const request = await requireRequest(ctx, requestId);
    const query: AccessQuery = { patientId: request.patientId, action: 'view', category: SERVICE_CATEGORY, recordId: request.id };
    const decision = await decideAccess(ctx, actor, query);
    const details = await readPrivate<ServiceDetails>(ctx, HEALTH_COLLECTION, detailsKey(ctx, request.id));
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

  /** A page of a patient's requests, newest last; status '' for all. Patient, delegate or a grantee with 'billing' view. */
  @Transaction(false)
  @Returns('ServiceRequestPage')
  async listByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<ServiceRequest>> {
    const actor = await requireActor(ctx, ['patient', 'doctor', 'hospital', 'insurer']);
    requireStakeholderId('patientId', patientId);
    const filter = requireStatusFilter(status);
    await decideAccess(ctx, actor, { patientId, action: 'view', category: SERVICE_CATEGORY });
    return sortedCopy(await pageByParty(ctx, SERVICE_BY_PATIENT, patientId, filter, pageSize, bookmark, (id) => requireRequest(ctx, id)));
  }

  /** A page of the calling hospital's own requests; status '' for all. */
  @Transaction(false)
  @Returns('ServiceRequestPage')
  async listByHospital(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<ServiceRequest>> {
    const actor = await requireActor(ctx, ['hospital']);
    const filter = requireStatusFilter(status);
    return sortedCopy(
      await pageByParty(ctx, SERVICE_BY_HOSPITAL, actor.stakeholderId, filter, pageSize, bookmark, (id) => requireRequest(ctx, id)),
    );
  }
}

function requestKey(ctx: Context, id: string): string {
  return objectKey(ctx, SERVICE_REQUEST_TYPE, [id]);
}

function detailsKey(ctx: Context, id: string): string {
  return objectKey(ctx, SERVICE_DETAILS_TYPE, [id]);
}

async function requireRequest(ctx: Context, id: string): Promise<ServiceRequest> {
  return requireObject<ServiceRequest>(ctx, requestKey(ctx, id), `service request ${id}`);
}

async function loadAsParty(
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

/** Which side owes the next step of an open request. */
function owingSide(status: ServiceStatus): 'patient' | 'hospital' {
  return status === 'quoted' || status === 'accepted' ? 'patient' : 'hospital';
}

/** The deadline of an open request's next step. */
function deadlineOf(request: ServiceRequest): string {
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

function requireBefore(ctx: Context, deadline: string, step: string): void {
  if (hasPassed(ctx, deadline)) {
    throw new ChaincodeError('DEADLINE_PASSED', `the deadline for ${step} was ${deadline}`);
  }
}

async function save(ctx: Context, action: ServiceAction, before: ServiceRequest, changed: ServiceRequest): Promise<ServiceRequest> {
  const now = txTimeIso(ctx);
  const after: ServiceRequest = { ...changed, updatedAt: now };
  await writeObject(ctx, requestKey(ctx, after.id), after);
  await movePartyIndex(ctx, SERVICE_BY_PATIENT, patientPosition(before), patientPosition(after), after.id);
  await movePartyIndex(ctx, SERVICE_BY_HOSPITAL, hospitalPosition(before), hospitalPosition(after), after.id);
  emitEvent(ctx, action, eventOf(after, now));
  return sortedCopy(after);
}

function patientPosition(request: ServiceRequest): PartyPosition {
  return { partyId: request.patientId, status: request.status, sortKey: request.requestedAt };
}

function hospitalPosition(request: ServiceRequest): PartyPosition {
  return { partyId: request.hospitalId, status: request.status, sortKey: request.requestedAt };
}

/** IDs, status and deadlines only; never the details, the service code or amounts. */
function eventOf(request: ServiceRequest, at: string): Record<string, unknown> {
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

function requireStatusFilter(status: string): ServiceStatus | '' {
  return status === '' ? '' : requireOneOf('status', status, SERVICE_STATUSES);
}

/** Transient 'service': {details}. */
function requireServiceDetails(ctx: Context): ServiceDetails {
  const input = requireTransientJson(ctx, 'service');
  if (typeof input.details !== 'string') {
    throw new ChaincodeError('INVALID_ARGUMENT', 'service.details is required');
  }
  return { details: requireText('service.details', input.details, SERVICE_DETAILS_MAX) };
}
