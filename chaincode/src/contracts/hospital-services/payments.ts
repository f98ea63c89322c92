import type { Context } from 'fabric-contract-api';
import { SERVICE_DEADLINES, SERVICE_PAYMENT_METHODS, type ServiceRequest } from '../../contract';
import { newObjectId } from '../../lib/ids';
import { nextStatus } from '../../lib/status-machine';
import { addSeconds, txTimeIso } from '../../lib/time';
import { requireObjectId, requireOneOf } from '../../lib/validation';
import { SERVICE_TRANSITIONS } from '../../models/service-request';
import { createWorkflowGrant } from '../consent/grants';
import { deadlineOf, loadAsParty, requireBefore, save } from './store';

/*
 * Payments: the patient records paying the accepted price, the hospital confirms receiving it.
 * Paying is the patient's consent to the report: it plans the report's file ID and lets the hospital
 * upload exactly that file (a workflow grant, edit on that ID) until the request ends.
 */

export async function recordPayment(ctx: Context, requestId: string, method: string, paymentRef: string): Promise<ServiceRequest> {
  const { request } = await loadAsParty(ctx, requestId, 'patient');
  const paymentMethod = requireOneOf('method', method, SERVICE_PAYMENT_METHODS);
  requireObjectId('paymentRef', paymentRef);
  const status = nextStatus(SERVICE_TRANSITIONS, 'recordPayment', request.status, `service request ${request.id}`);
  requireBefore(ctx, deadlineOf(request), 'the payment');
  const plannedReportFileId = newObjectId(ctx, 'file');
  const grant = await createWorkflowGrant(ctx, {
    patientId: request.patientId,
    grantee: { id: request.hospitalId, role: 'hospital' },
    action: 'edit',
    recordIds: [plannedReportFileId],
    purpose: 'TREAT',
    workflow: { type: 'service-request', id: request.id },
  });
  const now = txTimeIso(ctx);
  return save(ctx, 'recordPayment', request, {
    ...request,
    status,
    paymentMethod,
    paymentRef,
    paidAt: now,
    plannedReportFileId,
    workflowGrantId: grant.id,
    confirmBy: addSeconds(now, SERVICE_DEADLINES.confirmWithinSeconds),
  });
}

export async function confirmPayment(ctx: Context, requestId: string): Promise<ServiceRequest> {
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
