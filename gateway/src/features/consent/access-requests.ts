import { MAX_VALIDITY_DAYS } from '@medledger/chaincode/client';
import { z } from 'zod';
import { accessRequestModel, grantModel } from '../../api/models';
import { ledgerOperations, readBackById } from '../../api/ledger-operations';
import { defineOperation, type Operation } from '../../api/operation';
import { actions, grantScope, instant, objectId, patientIdParams, purposeOfUse, stakeholderId } from '../../api/schemas';

const tag = 'Access requests';
const operations = ledgerOperations({ tag });
const requestIdParams = z.object({ requestId: objectId });

export const accessRequestOperations: Operation[] = [
  operations.create({
    path: '/access-requests',
    operationId: 'requestAccess',
    summary: 'Ask a patient for consent',
    callers: 'active doctor, hospital, pharmacy, insurer',
    transaction: 'Consent:requestAccess',
    body: z
      .object({
        patientId: stakeholderId,
        actions,
        scope: grantScope,
        purpose: purposeOfUse,
        validUntil: instant.describe(`The latest end of the access asked for (at most ${MAX_VALIDITY_DAYS} days ahead)`),
      })
      .strict(),
    args: ({ body }) => [body.patientId, JSON.stringify(body.actions), JSON.stringify(body.scope), body.purpose, body.validUntil],
    errors: [404],
    response: { description: 'The pending request', schema: accessRequestModel },
    creates: readBackById('Consent:getRequest'),
  }),
  operations.read({
    path: '/access-requests/{requestId}',
    operationId: 'getAccessRequest',
    summary: 'An access request',
    callers: 'the requester, the patient, a delegate',
    transaction: 'Consent:getRequest',
    params: requestIdParams,
    response: { description: 'The request', schema: accessRequestModel },
  }),
  defineOperation({
    method: 'post',
    path: '/access-requests/{requestId}/approval',
    operationId: 'approveAccessRequest',
    summary: 'Approve a pending request, in full or in part; creates the grant',
    description: 'Omitted fields take the requested values (full approval). actions and scope may narrow the request, validUntil may shorten it; neither may widen it.',
    tag,
    access: { scope: 'write', stepUp: true },
    callers: 'the patient, a delegate',
    transaction: 'Consent:approveRequest',
    params: requestIdParams,
    body: z.object({ actions: actions.optional(), scope: grantScope.optional(), validUntil: instant.optional() }).strict().optional(),
    response: { status: 201, description: 'The grant the approval created', schema: grantModel },
    creates: readBackById('Consent:getGrant'),
    async handle({ principal, params, body = {}, deps }) {
      const requested = isComplete(body) ? undefined : await deps.ledger.evaluateJson(principal, 'Consent:getRequest', [params.requestId]);
      const approved = {
        actions: body.actions ?? requested?.actions,
        scope: body.scope ?? requested?.scope,
        validUntil: body.validUntil ?? requested?.validUntil ?? '',
      };
      return deps.ledger.submitJson(principal, 'Consent:approveRequest', [params.requestId, JSON.stringify(approved.actions), JSON.stringify(approved.scope), approved.validUntil]);
    },
  }),
  operations.step({
    path: '/access-requests/{requestId}/denial',
    operationId: 'denyAccessRequest',
    summary: 'Deny a pending request',
    callers: 'the patient, a delegate',
    transaction: 'Consent:denyRequest',
    params: requestIdParams,
    response: { description: 'The denied request', schema: accessRequestModel },
  }),
  operations.list({
    path: '/patients/{patientId}/access-requests',
    operationId: 'listPatientAccessRequests',
    summary: 'Requests made to a patient, oldest first',
    callers: 'the patient, a delegate',
    transaction: 'Consent:listRequestsByPatient',
    params: patientIdParams,
    response: { description: 'A page of requests', item: accessRequestModel },
  }),
  operations.list({
    path: '/me/access-requests',
    operationId: 'listMyAccessRequests',
    summary: 'The calling professional’s own requests, oldest first',
    callers: 'doctor, hospital, pharmacy, insurer',
    transaction: 'Consent:listRequestsByRequester',
    response: { description: 'A page of requests', item: accessRequestModel },
  }),
];

/** Whether an approval names every term itself, so the request need not be read. */
function isComplete(body: { actions?: unknown; scope?: unknown; validUntil?: unknown }): boolean {
  return body.actions !== undefined && body.scope !== undefined && body.validUntil !== undefined;
}
