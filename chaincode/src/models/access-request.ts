import type { AccessAction } from '../lib/categories';
import type { PurposeOfUse } from '../lib/purposes';
import type { GrantScope } from './grant';

export type AccessRequestStatus = 'pending' | 'approved' | 'denied';

/**
 * A professional's request for consent. The patient (or a delegate) approves it in full or in part,
 * which creates a grant, or denies it. Like grants, it carries IDs, scope, a purpose-of-use code and times only.
 */
export interface AccessRequest {
  id: string;
  patientId: string;
  requesterId: string;
  requesterRole: string;
  actions: AccessAction[];
  scope: GrantScope;
  purpose: PurposeOfUse;
  /** The latest end of the grant the requester asks for; approval may shorten, never extend it. */
  validUntil: string;
  status: AccessRequestStatus;
  createdAt: string;
  updatedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  /** The grant an approval created. */
  grantId?: string;
}

export const ACCESS_REQUEST_TYPE = 'accessRequest';
/** A patient's requests in arrival order. */
export const REQUEST_BY_PATIENT_INDEX = 'request~patient~createdAt~requestId';
/** A requester's own requests in arrival order. */
export const REQUEST_BY_REQUESTER_INDEX = 'request~requester~createdAt~requestId';

/** A pending request whose requested end has passed can no longer be approved. */
export function requestEffectiveStatus(request: AccessRequest, now: string): AccessRequestStatus | 'expired' {
  if (request.status === 'pending' && Date.parse(request.validUntil) <= Date.parse(now)) {
    return 'expired';
  }
  return request.status;
}
