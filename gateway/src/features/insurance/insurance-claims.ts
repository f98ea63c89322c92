import * as contract from '@medledger/chaincode/client';
import { z } from 'zod';
import { nonBlankText } from '../../api/text-schemas';
import { ledgerOperations, pathAndStatus, readBackById } from '../../api/ledger-operations';
import type { Operation } from '../../api/operation';
import { objectId } from '../../api/schemas';
import { statusPageQuery } from '../prescriptions/prescriptions';
import { minor, policyIdParams, sha256 } from './insurance-schemas';

/** Claims against a policy, whose clinical details travel in the transient map only. */
const operations = ledgerOperations({ tag: 'Insurance claims' });
const claimIdParams = z.object({ claimId: objectId });

const claimModel = contract.claim.meta({ id: 'InsuranceClaim', description: 'Public state of a claim; never what was treated' });

const claimsQuery = statusPageQuery(contract.CLAIM_STATUSES);

export const claimOperations: Operation[] = [
  operations.create({
    path: '/insurance/claims',
    operationId: 'submitInsuranceClaim',
    summary: 'Submit a claim against an active policy',
    description:
      'details (what was treated) travel to the chaincode in the transient map only: kept in private data, never in the transaction’s arguments, never logged by the gateway. The public claim holds the invoice hash and amount.',
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
    args: ({ body }) => ['', body.policyId, body.invoiceSha256, String(body.amountMinor)],
    transient: ({ body }) => ({ claim: JSON.stringify({ details: body.details }) }),
    errors: [404, 409],
    response: { description: 'The submitted claim (public state)', schema: claimModel },
    creates: readBackById('Insurance:getClaim'),
  }),
  operations.read({
    path: '/insurance/claims/{claimId}',
    patientData: true,
    operationId: 'getInsuranceClaim',
    summary: 'A claim’s public state',
    callers: 'its insurer, its submitter, the patient, a delegate, a grantee of view on billing',
    transaction: 'Insurance:getClaim',
    params: claimIdParams,
    response: { description: 'The claim', schema: claimModel },
  }),
  operations.step({
    path: '/insurance/claims/{claimId}/decision',
    operationId: 'decideInsuranceClaim',
    summary: 'Decide a submitted claim',
    description: 'approved: approvedAmountMinor equals the claimed amount; partially-approved: between 0 and it (exclusive); denied: 0.',
    callers: 'the policy’s insurer',
    transaction: 'Insurance:decideClaim',
    params: claimIdParams,
    body: z.object({ decision: contract.claimDecision, approvedAmountMinor: contract.claim.shape.approvedAmountMinor.unwrap() }).strict(),
    args: ({ params, body }) => [params.claimId, body.decision, String(body.approvedAmountMinor)],
    errors: [409],
    response: { description: 'The decided claim', schema: claimModel },
  }),
  operations.step({
    path: '/insurance/claims/{claimId}/payment',
    operationId: 'payInsuranceClaim',
    summary: 'Record the payment of an (partially) approved claim',
    callers: 'the policy’s insurer',
    transaction: 'Insurance:markPaid',
    params: claimIdParams,
    body: z.object({ paymentRef: contract.claimPaymentRef.describe('Opaque transfer reference') }).strict(),
    args: ({ params, body }) => [params.claimId, body.paymentRef],
    errors: [409],
    response: { description: 'The paid claim', schema: claimModel },
  }),
  operations.loggedRead({
    path: '/insurance/claims/{claimId}/reads',
    operationId: 'readInsuranceClaim',
    summary: 'Read a claim with its details (consent-checked and written to the access log)',
    description: 'The patient, a delegate, or a grantee of view on the patient’s billing data or on this claim — which is how an insurer reads what it assesses.',
    callers: 'the patient, a delegate, a grantee of view on billing or this claim',
    transaction: 'Insurance:readClaim',
    params: claimIdParams,
    response: {
      description: 'The claim and its details',
      schema: contract.claimWithDetails.extend({ claim: claimModel }).meta({ id: 'InsuranceClaimRead' }),
    },
  }),
  operations.list({
    path: '/insurance/policies/{policyId}/claims',
    patientData: true,
    operationId: 'listPolicyClaims',
    summary: 'A policy’s claims',
    callers: 'the policy’s insurer, the patient, a delegate, a grantee of view on billing',
    transaction: 'Insurance:listClaimsByPolicy',
    params: policyIdParams,
    query: claimsQuery,
    args: pathAndStatus,
    response: { description: 'A page of claims', item: claimModel },
  }),
  operations.list({
    path: '/me/insurance/claims',
    patientData: true,
    operationId: 'listMyInsuranceClaims',
    summary: 'Claims against the calling insurer’s policies (its queue: ?status=submitted)',
    callers: 'insurer',
    transaction: 'Insurance:listClaimsByInsurer',
    query: claimsQuery,
    args: pathAndStatus,
    response: { description: 'A page of claims', item: claimModel },
  }),
];
