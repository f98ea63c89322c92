import { Property } from 'fabric-contract-api';
import type {
  AccessAction,
  AccessRequest,
  AccessRequestEffectiveStatus,
  AccessRequestStatus,
  AccessRequestView as AccessRequestViewShape,
  GrantScope,
  PurposeOfUse,
  Role,
} from '../contract';
import { Model, Optional } from '../lib/object-metadata';

export type { AccessRequest, AccessRequestStatus } from '../contract';

/** A professional's request for consent, with its status at transaction time (contract/grants.ts). */
@Model()
class AccessRequestView implements AccessRequestViewShape {
  @Property('id', 'string') id!: string;
  @Property('patientId', 'string') patientId!: string;
  @Property('requesterId', 'string') requesterId!: string;
  @Property('requesterRole', 'string') requesterRole!: Role;
  @Property('actions', 'string[]') actions!: AccessAction[];
  @Property('scope', 'GrantScope') scope!: GrantScope;
  @Property('purpose', 'string') purpose!: PurposeOfUse;
  @Property('validUntil', 'string') validUntil!: string;
  @Property('status', 'string') status!: AccessRequestStatus;
  @Property('effectiveStatus', 'string') effectiveStatus!: AccessRequestEffectiveStatus;
  @Property('createdAt', 'string') createdAt!: string;
  @Property('updatedAt', 'string') updatedAt!: string;
  @Optional() @Property('decidedBy', 'string') decidedBy?: string;
  @Optional() @Property('decidedAt', 'string') decidedAt?: string;
  @Optional() @Property('grantId', 'string') grantId?: string;
}

@Model()
class AccessRequestPage {
  @Property('items', 'AccessRequestView[]') items!: AccessRequestView[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { AccessRequestView as AccessRequestViewObject, AccessRequestPage as AccessRequestPageObject };

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
