import { MAX_VALIDITY_DAYS } from '@medledger/chaincode';
import { z } from 'zod';
import { grantModel } from '../../api/models';
import { defineOperation, type Operation } from '../../api/operation';
import { pageArgs, pageFromLedger, pageOf, pageQuery } from '../../api/pagination';
import { actions, grantScope, instant, objectId, patientIdParams, purposeOfUse, stakeholderId } from '../../api/schemas';

const tag = 'Consents';
const grantIdParams = z.object({ grantId: objectId });

const grantBody = z
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

export const consentOperations: Operation[] = [
  defineOperation({
    method: 'post',
    path: '/consents',
    operationId: 'grantConsent',
    summary: 'Grant a professional access to a scope of a patient’s data for a window',
    description: 'Without patientId, or with your own, the patient grants (Consent:grant). With another patient’s ID, a delegate in force grants on their behalf (Consent:grantFor).',
    tag,
    access: { scope: 'write' },
    callers: 'the patient, or a delegate in force',
    transaction: 'Consent:grant / Consent:grantFor',
    body: grantBody,
    errors: [404],
    response: { status: 201, description: 'The grant', schema: grantModel },
    creates: { readBack: (grant) => ({ transaction: 'Consent:getGrant', args: [grant.id] }) },
    async handle({ principal, body, deps }) {
      const validFrom = body.validFrom ?? deps.clock().toISOString();
      const terms = [body.granteeId, JSON.stringify(body.actions), JSON.stringify(body.scope), body.purpose, validFrom, body.validUntil];
      if (body.patientId === undefined || body.patientId === principal.stakeholderId) {
        return deps.ledger.submitJson(principal, 'Consent:grant', terms);
      }
      return deps.ledger.submitJson(principal, 'Consent:grantFor', [body.patientId, ...terms]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/consents/{grantId}',
    operationId: 'getConsent',
    summary: 'A grant, with its status judged now',
    tag,
    access: { scope: 'read' },
    callers: 'the patient, a delegate, the grantee',
    transaction: 'Consent:getGrant',
    params: grantIdParams,
    response: { status: 200, description: 'The grant', schema: grantModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Consent:getGrant', [params.grantId]);
    },
  }),
  defineOperation({
    method: 'delete',
    path: '/consents/{grantId}',
    operationId: 'revokeConsent',
    summary: 'Revoke a grant (it stays readable with status revoked)',
    tag,
    access: { scope: 'write' },
    callers: 'the patient, a delegate',
    transaction: 'Consent:revoke',
    params: grantIdParams,
    errors: [409],
    response: { status: 200, description: 'The revoked grant', schema: grantModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.submitJson(principal, 'Consent:revoke', [params.grantId]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/patients/{patientId}/consents',
    operationId: 'listPatientConsents',
    summary: 'A patient’s grants (active, expired and revoked)',
    tag,
    access: { scope: 'read' },
    callers: 'the patient, a delegate',
    transaction: 'Consent:listGrantsByPatient',
    params: patientIdParams,
    query: pageQuery,
    response: { status: 200, description: 'A page of grants', schema: pageOf(grantModel) },
    async handle({ principal, params, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Consent:listGrantsByPatient', [params.patientId, ...pageArgs(query)]));
    },
  }),
  defineOperation({
    method: 'get',
    path: '/me/consents',
    operationId: 'listMyConsents',
    summary: 'The grants the calling professional holds, across patients',
    tag,
    access: { scope: 'read' },
    callers: 'doctor, hospital, pharmacy, insurer',
    transaction: 'Consent:listGrantsByGrantee',
    query: pageQuery,
    response: { status: 200, description: 'A page of grants', schema: pageOf(grantModel) },
    async handle({ principal, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Consent:listGrantsByGrantee', pageArgs(query)));
    },
  }),
];
