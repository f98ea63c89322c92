import type { Context } from 'fabric-contract-api';
import { DEFAULT_PURPOSE_BY_ROLE, type Stakeholder } from '../contract';
import { decideAccess, type AccessDecision, type AccessQuery } from './access-decision';
import type { Actor } from './actors';

/**
 * The access decision for a party who is NOT the caller: "does the patient's consent let this
 * pharmacy see this prescription?" when the patient places an order with it. decideAccess takes an
 * Actor; this builds one from the grantee's stakeholder record, which the caller must already have
 * resolved with requireActiveStakeholder (registered, verified, not suspended). Keeping that
 * construction here means contracts never fake a certificate-derived Caller ad hoc.
 */
export function actorOfStakeholder(record: Stakeholder): Actor {
  return { mspId: record.mspId, role: record.role, stakeholderId: record.id, record };
}

/**
 * decideAccess run for `grantee` as the accessor; throws CONSENT_REQUIRED like decideAccess. The
 * purpose is the query's, else the grantee's role default: the purpose the caller stated in the
 * transient map is the caller's own (a patient placing an order states PATRQT), not the grantee's.
 */
export async function decideAccessFor(ctx: Context, grantee: Stakeholder, query: AccessQuery): Promise<AccessDecision> {
  return decideAccess(ctx, actorOfStakeholder(grantee), { ...query, purpose: query.purpose ?? DEFAULT_PURPOSE_BY_ROLE[grantee.role] });
}
