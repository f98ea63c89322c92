import type { Context } from 'fabric-contract-api';
import { REFERRAL_ACCESS, SERVICE_CODE_PATTERN, SERVICE_DEADLINES, type ServiceRequest } from '../../contract';
import { decideAccess, type AccessQuery } from '../../lib/access-decision';
import { recordAccess } from '../../lib/access-log';
import { requireActiveStakeholder, requireActor } from '../../lib/actors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { addToPartyIndex } from '../../lib/party-index';
import { writePatientPrivate } from '../../lib/private-data';
import { writeObject } from '../../lib/state';
import { nextStatus } from '../../lib/status-machine';
import { addSeconds, txTimeIso } from '../../lib/time';
import { requirePattern, requireStakeholderId } from '../../lib/validation';
import { SERVICE_BY_PATIENT, SERVICE_BY_REFERRER, SERVICE_TRANSITIONS } from '../../models/service-request';
import { createWorkflowGrant } from '../consent/grants';
import { requireServiceDetails } from './estimates';
import { requireOfferedService } from './price-lists';
import { detailsKey, eventOf, loadAsParty, patientPosition, referrerPosition, requestKey, save, viewOf } from './store';

/*
 * Referrals: a doctor with the patient's consent (REFERRAL_ACCESS) refers the patient to a
 * hospital's service; the patient accepts (the request then follows the estimate flow) or declines.
 */

/** The doctor refers the patient. Transient 'service': {details} (the clinical reason), private like an estimate request's details. */
export async function refer(ctx: Context, patientId: string, hospitalId: string, serviceCode: string): Promise<ServiceRequest> {
  const doctor = await requireActor(ctx, ['doctor']);
  requireStakeholderId('patientId', patientId);
  requireStakeholderId('hospitalId', hospitalId);
  const code = serviceCode === '' ? undefined : requirePattern('serviceCode', serviceCode, SERVICE_CODE_PATTERN, "'' or a catalogue code of 2-64 letters, digits, '.', '_' or '-'");
  const details = requireServiceDetails(ctx);
  await requireActiveStakeholder(ctx, patientId, ['patient']);
  await requireActiveStakeholder(ctx, hospitalId, ['hospital']);
  if (code !== undefined) {
    await requireOfferedService(ctx, hospitalId, code);
  }
  const query: AccessQuery = { patientId, ...REFERRAL_ACCESS };
  const decision = await decideAccess(ctx, doctor, query);

  const now = txTimeIso(ctx);
  const request: ServiceRequest = {
    id: newObjectId(ctx, 'svc'),
    patientId,
    hospitalId,
    ...(code === undefined ? {} : { serviceCode: code }),
    status: 'referred',
    requestedAt: now,
    referredBy: doctor.stakeholderId,
    updatedAt: now,
  };
  await writeObject(ctx, requestKey(ctx, request.id), request);
  await writePatientPrivate(ctx, patientId, detailsKey(ctx, request.id), details);
  await addToPartyIndex(ctx, SERVICE_BY_PATIENT, patientPosition(request), request.id);
  const referrer = referrerPosition(request);
  if (referrer !== undefined) {
    await addToPartyIndex(ctx, SERVICE_BY_REFERRER, referrer, request.id);
  }
  // The hospital's list gets the request only once the patient accepts (store.ts hospitalSees).
  await recordAccess(ctx, doctor, { ...query, recordId: request.id }, decision, { type: 'service-request', id: request.id });
  emitEvent(ctx, 'refer', eventOf(request, now));
  return viewOf(ctx, request);
}

/**
 * The patient accepts the referral: the request becomes 'requested' (the hospital quotes by
 * quoteBy, as for an estimate), and the hospital gets a view grant on the request so it can read
 * the referral's reason, until the request ends.
 */
export async function acceptReferral(ctx: Context, requestId: string): Promise<ServiceRequest> {
  const { request } = await loadAsParty(ctx, requestId, 'patient');
  const status = nextStatus(SERVICE_TRANSITIONS, 'acceptReferral', request.status, `service request ${request.id}`);
  const hospital = await requireActiveStakeholder(ctx, request.hospitalId, ['hospital']);
  const grant = await createWorkflowGrant(ctx, {
    patientId: request.patientId,
    grantee: { id: hospital.id, role: 'hospital' },
    action: 'view',
    recordIds: [request.id],
    purpose: 'TREAT',
    workflow: { type: 'service-request', id: request.id },
  });
  const now = txTimeIso(ctx);
  return save(ctx, 'acceptReferral', request, {
    ...request,
    status,
    referralAnsweredAt: now,
    referralGrantId: grant.id,
    quoteBy: addSeconds(now, SERVICE_DEADLINES.quoteWithinSeconds),
  });
}

/** The patient declines the referral; the hospital never learns of it. */
export async function declineReferral(ctx: Context, requestId: string): Promise<ServiceRequest> {
  const { request } = await loadAsParty(ctx, requestId, 'patient');
  const status = nextStatus(SERVICE_TRANSITIONS, 'declineReferral', request.status, `service request ${request.id}`);
  return save(ctx, 'declineReferral', request, { ...request, status, referralAnsweredAt: txTimeIso(ctx) });
}
