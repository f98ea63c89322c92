import type { Context } from 'fabric-contract-api';
import { SERVICE_DEADLINES, type ServiceRequest, type ServiceStatus } from '../../contract';
import { ChaincodeError } from '../../lib/errors';
import { requireFileHead } from '../../lib/medical-files';
import { nextStatus } from '../../lib/status-machine';
import { addSeconds, hasPassed, txTimeIso } from '../../lib/time';
import { requireObjectId } from '../../lib/validation';
import { SERVICE_TRANSITIONS } from '../../models/service-request';
import { deadlineOf, loadAsParty, save } from './store';

/* How a request ends: the hospital attaches the report, or a party cancels. */

export async function attachReport(ctx: Context, requestId: string, fileId: string): Promise<ServiceRequest> {
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
  const now = txTimeIso(ctx);
  return save(ctx, 'attachReport', request, {
    ...request,
    status,
    reportFileId: fileId,
    reportedAt: now,
    reportReview: 'pending',
    reportReviewDeadline: addSeconds(now, SERVICE_DEADLINES.reportReviewWithinSeconds),
  });
}

export async function cancel(ctx: Context, requestId: string): Promise<ServiceRequest> {
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

/** Which side owes the next step of an open request. */
function owingSide(status: ServiceStatus): 'patient' | 'hospital' {
  return status === 'quoted' || status === 'accepted' ? 'patient' : 'hospital';
}
