import { MAX_VALIDITY_DAYS, type GrantView } from '@medledger/chaincode/client';
import { z } from 'zod';
import { grantModel } from '../../api/models';
import { ledgerOperations, readBackById } from '../../api/ledger-operations';
import { defineOperation, type Operation, type RestDeps } from '../../api/operation';
import type { Principal } from '../../identity/principals/principal';
import { actions, grantScope, instant, objectId, patientIdParams, purposeOfUse, stakeholderId } from '../../api/schemas';

const tag = 'Consents';
const operations = ledgerOperations({ tag });
const grantIdParams = z.object({ grantId: objectId });

/** A grant's terms, as POST /consents takes them and POST /fhir/Consent reads them from a Consent (features/fhir/consent-resource.ts). */
export const grantBody = z
  .object({
    patientId: stakeholderId.optional().describe("The patient whose data is shared; omit for your own. A delegate names the patient it acts for (Consent:grantFor)."),
    granteeId: stakeholderId.describe('An active professional'),
    actions,
    scope: grantScope,
    purpose: purposeOfUse,
    validFrom: instant.optional().describe('Default: now'),
    validUntil: instant.describe(`At most ${MAX_VALIDITY_DAYS} days after validFrom`),
  })
  .strict();

export type GrantTerms = z.output<typeof grantBody>;

/** The one way a grant is made (REST and FHIR): the patient grants, or a delegate in force grants for them; validFrom defaults to now. */
export function grantConsent(deps: RestDeps, principal: Principal, body: GrantTerms): Promise<GrantView> {
  const validFrom = body.validFrom ?? deps.clock().toISOString();
  const terms = [body.granteeId, JSON.stringify(body.actions), JSON.stringify(body.scope), body.purpose, validFrom, body.validUntil];
  if (body.patientId === undefined || body.patientId === principal.stakeholderId) {
    return deps.ledger.submitJson(principal, 'Consent:grant', terms);
  }
  return deps.ledger.submitJson(principal, 'Consent:grantFor', [body.patientId, ...terms]);
}

export const consentOperations: Operation[] = [
  defineOperation({
    method: 'post',
    path: '/consents',
    operationId: 'grantConsent',
    summary: 'Grant a professional access to a scope of a patient’s data for a window',
    description: 'Without patientId, or with your own, the patient grants (Consent:grant). With another patient’s ID, a delegate in force grants on their behalf (Consent:grantFor).',
    tag,
    access: { scope: 'write', stepUp: true },
    callers: 'the patient, or a delegate in force',
    transaction: 'Consent:grant / Consent:grantFor',
    body: grantBody,
    errors: [404],
    response: { status: 201, description: 'The grant', schema: grantModel },
    creates: readBackById('Consent:getGrant'),
    handle: ({ principal, body, deps }) => grantConsent(deps, principal, body),
  }),
  operations.read({
    path: '/consents/{grantId}',
    operationId: 'getConsent',
    summary: 'A grant, with its status judged now',
    callers: 'the patient, a delegate, the grantee',
    transaction: 'Consent:getGrant',
    params: grantIdParams,
    response: { description: 'The grant', schema: grantModel },
  }),
  operations.removal({
    path: '/consents/{grantId}',
    operationId: 'revokeConsent',
    summary: 'Revoke a grant (it stays readable with status revoked)',
    callers: 'the patient, a delegate',
    transaction: 'Consent:revoke',
    params: grantIdParams,
    errors: [409],
    response: { description: 'The revoked grant', schema: grantModel },
  }),
  operations.list({
    path: '/patients/{patientId}/consents',
    operationId: 'listPatientConsents',
    summary: 'A patient’s grants (active, expired and revoked)',
    callers: 'the patient, a delegate',
    transaction: 'Consent:listGrantsByPatient',
    params: patientIdParams,
    response: { description: 'A page of grants', item: grantModel },
  }),
  operations.list({
    path: '/me/consents',
    operationId: 'listMyConsents',
    summary: 'The grants the calling professional holds, across patients',
    callers: 'doctor, hospital, pharmacy, insurer',
    transaction: 'Consent:listGrantsByGrantee',
    response: { description: 'A page of grants', item: grantModel },
  }),
];
