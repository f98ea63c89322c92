import type { Claim as LedgerClaim, Policy } from '@medledger/chaincode/client';
import { z } from 'zod';
import { Problem } from '../../api/errors/problems';
import { claimSubmission } from '../../fhir/claim-submission';
import { ledgerIdOf } from '../../fhir/ids';
import { claimOf } from '../../fhir/insurance';
import { applicationOperations } from '../insurance/insurance-applications';
import { claimOperations } from '../insurance/insurance-claims';
import { fhirCreate, fhirRead, fhirSearch, type FhirResourceModule, type SearchParam } from './fhir-interactions';
import { dateSearchParam, lastUpdatedSearchParam, matchesDates, type DateComparison } from './search-params';
import { stamped, updatedAsAsked } from './last-updated';
import { ledgerPageOf, restDelegate, restPageQuery } from './rest-delegate';

const get = restDelegate(claimOperations, 'getInsuranceClaim');
const submit = restDelegate(claimOperations, 'submitInsuranceClaim');
const byPolicy = restDelegate(claimOperations, 'listPolicyClaims');
const mine = restDelegate(claimOperations, 'listMyInsuranceClaims');
const policyOf = restDelegate(applicationOperations, 'getInsurancePolicy');

/** `coverage`: the policy's Coverage (Coverage/{id} or {id}), as the ledger lists claims by policy. */
export const coverageSearchParam: SearchParam = {
  name: 'coverage',
  type: 'reference',
  documentation: 'The policy: Coverage/{id} or {id}',
  schema: z
    .string()
    .max(140)
    .transform((value, context) => {
      const ledgerId = ledgerIdOf(value.startsWith('Coverage/') ? value.slice('Coverage/'.length) : value);
      if (ledgerId === undefined) {
        context.addIssue({ code: 'custom', message: 'must be Coverage/{id} or {id}' });
        return z.NEVER;
      }
      return ledgerId;
    })
    .optional(),
};

/** The claims of one page, by policy or the calling insurer's, as the REST lists answer them. */
export async function claimPage(call: Parameters<typeof get.call>[0], page: { count: number; bookmark: string }, values: { coverage?: string; _lastUpdated?: DateComparison[]; purpose?: string }, date?: (claim: LedgerClaim) => string | undefined, dates?: DateComparison[]) {
  const query = { ...restPageQuery(page), purpose: values.purpose };
  const answer = values.coverage === undefined ? await mine.call(call, { query }) : await byPolicy.call(call, { params: { policyId: values.coverage }, query });
  const { items, bookmark } = ledgerPageOf(answer);
  return { claims: (items as LedgerClaim[]).filter((claim) => updatedAsAsked(claim, values._lastUpdated) && (date === undefined || matchesDates(date(claim), dates))), bookmark };
}

/** Refuses a claim whose patient or currency is not the policy's, or whose provider is not the caller, before anything is written. */
function checkAgainst(policy: Policy, expected: { patientId: string; providerId: string; currency: string }, callerId: string): void {
  const mismatches = [
    ...(expected.patientId === policy.patientId ? [] : ['patient: must be the policy holder']),
    ...(expected.currency === policy.currency ? [] : [`total.currency: must be the policy’s currency, ${policy.currency}`]),
    ...(expected.providerId === callerId ? [] : ['provider: must be the caller: a claim is submitted in the submitter’s own name']),
  ];
  if (mismatches.length > 0) {
    throw new Problem('VALIDATION_FAILED', mismatches.join('; '));
  }
}

/**
 * Claim: a claim’s public state (the invoice hash and amount; what was treated only the logged
 * REST read returns), read, searched by policy (`coverage`) or as the calling insurer’s queue, and
 * submitted through the REST claim operations.
 */
export const claimResource: FhirResourceModule = {
  type: 'Claim',
  interactions: [
    fhirRead({
      type: 'Claim',
      summary: 'A claim’s public state',
      callers: 'its insurer, its submitter, the patient, a delegate, a grantee of view on billing',
      transaction: 'Insurance:getClaim',
      patientData: true,
      async read(call, claimId) {
        const claim = (await get.call(call, { params: { claimId }, query: call.query })) as LedgerClaim;
        return stamped(claimOf(claim, null, call.fhir.naming), claim.updatedAt);
      },
    }),
    fhirSearch<{ coverage?: string; _lastUpdated?: DateComparison[]; date?: DateComparison[]; purpose?: string }>({
      type: 'Claim',
      summary: 'A policy’s claims (coverage=), or the calling insurer’s',
      callers: 'the policy’s insurer, the patient, a delegate, a grantee of view on billing; without coverage: insurer',
      transaction: 'Insurance:listClaimsByPolicy, Insurance:listClaimsByInsurer',
      // coverage= names a policy, which must exist
      errors: [404],
      patientData: true,
      params: [coverageSearchParam, dateSearchParam('When it was submitted (created)'), lastUpdatedSearchParam],
      async search(call, page) {
        const { claims, bookmark } = await claimPage(call, page, call.query, (claim) => claim.submittedAt, call.query.date);
        return { resources: claims.map((claim) => stamped(claimOf(claim, null, call.fhir.naming), claim.updatedAt)), bookmark };
      },
    }),
    fhirCreate({
      type: 'Claim',
      summary: 'Submit a claim against an active policy, as POST /insurance/claims (the details travel in the transient map only)',
      callers: 'the policy holder; a verified hospital with the patient’s edit grant on billing',
      transaction: 'Insurance:getPolicy, Insurance:submitClaim',
      errors: [404, 409],
      body: claimSubmission,
      readBack: 'Insurance:getClaim',
      async create(call) {
        const { submission, expected } = call.body;
        const policy = (await policyOf.call(call, { params: { policyId: submission.policyId }, query: {} })) as Policy;
        checkAgainst(policy, expected, call.principal.stakeholderId);
        const claim = (await submit.call(call, { body: submission })) as LedgerClaim;
        return stamped(claimOf(claim, null, call.fhir.naming), claim.updatedAt);
      },
    }),
  ],
};
