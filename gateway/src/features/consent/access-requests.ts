import { MAX_VALIDITY_DAYS } from '@medledger/chaincode';
import { z } from 'zod';
import { accessRequestModel, grantModel } from '../../api/models';
import { defineOperation, type Operation } from '../../api/operation';
import { pageArgs, pageFromLedger, pageOf, pageQuery } from '../../api/pagination';
import { actions, emptyBody, grantScope, instant, objectId, patientIdParams, purposeOfUse, stakeholderId } from '../../api/schemas';

const tag = 'Access requests';
const requestIdParams = z.object({ requestId: objectId });

export const accessRequestOperations: Operation[] = [
  defineOperation({
    method: 'post',
    path: '/access-requests',
    operationId: 'requestAccess',
    summary: 'Ask a patient for consent',
    tag,
    access: { scope: 'write' },
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
    errors: [404],
    response: { status: 201, description: 'The pending request', schema: accessRequestModel },
    creates: { readBack: (request) => ({ transaction: 'Consent:getRequest', args: [request.id] }) },
    async handle({ principal, body, deps }) {
      return deps.ledger.submitJson(principal, 'Consent:requestAccess', [body.patientId, JSON.stringify(body.actions), JSON.stringify(body.scope), body.purpose, body.validUntil]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/access-requests/{requestId}',
    operationId: 'getAccessRequest',
    summary: 'An access request',
    tag,
    access: { scope: 'read' },
    callers: 'the requester, the patient, a delegate',
    transaction: 'Consent:getRequest',
    params: requestIdParams,
    response: { status: 200, description: 'The request', schema: accessRequestModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Consent:getRequest', [params.requestId]);
    },
  }),
  defineOperation({
    method: 'post',
    path: '/access-requests/{requestId}/approval',
    operationId: 'approveAccessRequest',
    summary: 'Approve a pending request, in full or in part; creates the grant',
    description: 'Omitted fields take the requested values (full approval). actions and scope may narrow the request, validUntil may shorten it; neither may widen it.',
    tag,
    access: { scope: 'write' },
    callers: 'the patient, a delegate',
    transaction: 'Consent:approveRequest',
    params: requestIdParams,
    body: z.object({ actions: actions.optional(), scope: grantScope.optional(), validUntil: instant.optional() }).strict().optional(),
    response: { status: 201, description: 'The grant the approval created', schema: grantModel },
    creates: { readBack: (grant) => ({ transaction: 'Consent:getGrant', args: [grant.id] }) },
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
  defineOperation({
    method: 'post',
    path: '/access-requests/{requestId}/denial',
    operationId: 'denyAccessRequest',
    summary: 'Deny a pending request',
    tag,
    access: { scope: 'write' },
    callers: 'the patient, a delegate',
    transaction: 'Consent:denyRequest',
    params: requestIdParams,
    body: emptyBody,
    response: { status: 200, description: 'The denied request', schema: accessRequestModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.submitJson(principal, 'Consent:denyRequest', [params.requestId]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/patients/{patientId}/access-requests',
    operationId: 'listPatientAccessRequests',
    summary: 'Requests made to a patient, oldest first',
    tag,
    access: { scope: 'read' },
    callers: 'the patient, a delegate',
    transaction: 'Consent:listRequestsByPatient',
    params: patientIdParams,
    query: pageQuery,
    response: { status: 200, description: 'A page of requests', schema: pageOf(accessRequestModel) },
    async handle({ principal, params, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Consent:listRequestsByPatient', [params.patientId, ...pageArgs(query)]));
    },
  }),
  defineOperation({
    method: 'get',
    path: '/me/access-requests',
    operationId: 'listMyAccessRequests',
    summary: 'The calling professional’s own requests, oldest first',
    tag,
    access: { scope: 'read' },
    callers: 'doctor, hospital, pharmacy, insurer',
    transaction: 'Consent:listRequestsByRequester',
    query: pageQuery,
    response: { status: 200, description: 'A page of requests', schema: pageOf(accessRequestModel) },
    async handle({ principal, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Consent:listRequestsByRequester', pageArgs(query)));
    },
  }),
];

/** Whether an approval names every term itself, so the request need not be read. */
function isComplete(body: { actions?: unknown; scope?: unknown; validUntil?: unknown }): boolean {
  return body.actions !== undefined && body.scope !== undefined && body.validUntil !== undefined;
}
