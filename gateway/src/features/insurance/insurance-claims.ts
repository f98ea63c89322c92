import * as contract from '@medledger/chaincode';
import { z } from 'zod';
import { nonBlankText } from '../../api/text-schemas';
import { defineOperation, type Operation } from '../../api/operation';
import { pageArgs, pageFromLedger, pageOf } from '../../api/pagination';
import { emptyBody, objectId } from '../../api/schemas';
import { statusPageQuery } from '../prescriptions/prescriptions';
import { minor, policyIdParams, sha256 } from './insurance-schemas';

/** Claims against a policy, whose clinical details travel in the transient map only. */
const claimIdParams = z.object({ claimId: objectId });

const claimModel = contract.claim.meta({ id: 'InsuranceClaim', description: 'Public state of a claim; never what was treated' });

const claimsQuery = statusPageQuery(contract.CLAIM_STATUSES);

export const claimOperations: Operation[] = [
  defineOperation({
    method: 'post',
    path: '/insurance/claims',
    operationId: 'submitInsuranceClaim',
    summary: 'Submit a claim against an active policy',
    description:
      'details (what was treated) travel to the chaincode in the transient map only: kept in private data, never in the transaction’s arguments, never logged by the gateway. The public claim holds the invoice hash and amount.',
    tag: 'Insurance claims',
    access: { scope: 'write' },
    callers: 'the policy holder; a verified hospital with the patient’s edit grant on billing',
    transaction: 'Insurance:submitClaim',
    body: z
      .object({
        policyId: objectId,
        invoiceSha256: sha256,
        amountMinor: minor,
        details: nonBlankText(contract.CLAIM_DETAILS_MAX).describe('What was treated; private, never logged'),
      })
      .strict(),
    errors: [404, 409],
    response: { status: 201, description: 'The submitted claim (public state)', schema: claimModel },
    creates: { readBack: (claim) => ({ transaction: 'Insurance:getClaim', args: [claim.id] }) },
    async handle({ principal, body, deps }) {
      return deps.ledger.submitJson(principal, 'Insurance:submitClaim', ['', body.policyId, body.invoiceSha256, String(body.amountMinor)], {
        claim: JSON.stringify({ details: body.details }),
      });
    },
  }),
  defineOperation({
    method: 'get',
    path: '/insurance/claims/{claimId}',
    operationId: 'getInsuranceClaim',
    summary: 'A claim’s public state',
    tag: 'Insurance claims',
    access: { scope: 'read' },
    callers: 'its insurer, its submitter, the patient, a delegate, a grantee of view on billing',
    transaction: 'Insurance:getClaim',
    params: claimIdParams,
    response: { status: 200, description: 'The claim', schema: claimModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Insurance:getClaim', [params.claimId]);
    },
  }),
  defineOperation({
    method: 'post',
    path: '/insurance/claims/{claimId}/decision',
    operationId: 'decideInsuranceClaim',
    summary: 'Decide a submitted claim',
    description: 'approved: approvedAmountMinor equals the claimed amount; partially-approved: between 0 and it (exclusive); denied: 0.',
    tag: 'Insurance claims',
    access: { scope: 'write' },
    callers: 'the policy’s insurer',
    transaction: 'Insurance:decideClaim',
    params: claimIdParams,
    body: z.object({ decision: contract.claimDecision, approvedAmountMinor: contract.claim.shape.approvedAmountMinor.unwrap() }).strict(),
    errors: [409],
    response: { status: 200, description: 'The decided claim', schema: claimModel },
    async handle({ principal, params, body, deps }) {
      return deps.ledger.submitJson(principal, 'Insurance:decideClaim', [params.claimId, body.decision, String(body.approvedAmountMinor)]);
    },
  }),
  defineOperation({
    method: 'post',
    path: '/insurance/claims/{claimId}/payment',
    operationId: 'payInsuranceClaim',
    summary: 'Record the payment of an (partially) approved claim',
    tag: 'Insurance claims',
    access: { scope: 'write' },
    callers: 'the policy’s insurer',
    transaction: 'Insurance:markPaid',
    params: claimIdParams,
    body: z.object({ paymentRef: contract.claimPaymentRef.describe('Opaque transfer reference') }).strict(),
    errors: [409],
    response: { status: 200, description: 'The paid claim', schema: claimModel },
    async handle({ principal, params, body, deps }) {
      return deps.ledger.submitJson(principal, 'Insurance:markPaid', [params.claimId, body.paymentRef]);
    },
  }),
  defineOperation({
    method: 'post',
    path: '/insurance/claims/{claimId}/reads',
    operationId: 'readInsuranceClaim',
    summary: 'Read a claim with its details (consent-checked and written to the access log)',
    description: 'The patient, a delegate, or a grantee of view on the patient’s billing data or on this claim — which is how an insurer reads what it assesses.',
    tag: 'Insurance claims',
    access: { scope: 'read' },
    callers: 'the patient, a delegate, a grantee of view on billing or this claim',
    transaction: 'Insurance:readClaim',
    params: claimIdParams,
    body: emptyBody,
    response: {
      status: 200,
      description: 'The claim and its details',
      schema: contract.claimWithDetails.extend({ claim: claimModel }).meta({ id: 'InsuranceClaimRead' }),
    },
    async handle({ principal, params, deps }) {
      return deps.ledger.submitJson(principal, 'Insurance:readClaim', [params.claimId]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/insurance/policies/{policyId}/claims',
    operationId: 'listPolicyClaims',
    summary: 'A policy’s claims',
    tag: 'Insurance claims',
    access: { scope: 'read' },
    callers: 'the policy’s insurer, the patient, a delegate, a grantee of view on billing',
    transaction: 'Insurance:listClaimsByPolicy',
    params: policyIdParams,
    query: claimsQuery,
    response: { status: 200, description: 'A page of claims', schema: pageOf(claimModel) },
    async handle({ principal, params, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Insurance:listClaimsByPolicy', [params.policyId, query.status ?? '', ...pageArgs(query)]));
    },
  }),
  defineOperation({
    method: 'get',
    path: '/me/insurance/claims',
    operationId: 'listMyInsuranceClaims',
    summary: 'Claims against the calling insurer’s policies (its queue: ?status=submitted)',
    tag: 'Insurance claims',
    access: { scope: 'read' },
    callers: 'insurer',
    transaction: 'Insurance:listClaimsByInsurer',
    query: claimsQuery,
    response: { status: 200, description: 'A page of claims', schema: pageOf(claimModel) },
    async handle({ principal, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Insurance:listClaimsByInsurer', [query.status ?? '', ...pageArgs(query)]));
    },
  }),
];
