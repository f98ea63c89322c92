import type { AccessRequest, AccessRequestEffectiveStatus } from '../contract';

export type { AccessRequest, AccessRequestStatus } from '../contract';

export const ACCESS_REQUEST_TYPE = 'accessRequest';
/** A patient's requests in arrival order. */
export const REQUEST_BY_PATIENT_INDEX = 'request~patient~createdAt~requestId';
/** A requester's own requests in arrival order. */
export const REQUEST_BY_REQUESTER_INDEX = 'request~requester~createdAt~requestId';

/** A pending request whose requested end has passed can no longer be approved. */
export function requestEffectiveStatus(request: AccessRequest, now: string): AccessRequestEffectiveStatus {
  if (request.status === 'pending' && Date.parse(request.validUntil) <= Date.parse(now)) {
    return 'expired';
  }
  return request.status;
}
