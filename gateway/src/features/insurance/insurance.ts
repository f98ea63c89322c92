import * as contract from '@medledger/chaincode';
import { z } from 'zod';
import { describeFields } from '../../api/models';
import { nonBlankText } from '../../api/text-schemas';
import { defineOperation, type Operation } from '../../api/operation';
import { pageArgs, pageFromLedger, pageOf, pageQuery } from '../../api/pagination';
import { emptyBody, instant, objectId, patientIdParams } from '../../api/schemas';
import { statusPageQuery } from '../prescriptions/prescriptions';

/**
 * Insurance (Insurance contract): packages published as immutable versions, applications that lock
 * the accepted terms hash and price, policies issued when the insurer's answer repeats both, and
 * claims whose clinical details travel in the transient map only. Schemas, enumerations and limits
 * are the chaincode's contract surface.
 */
const sha256 = contract.sha256Hex;
const minor = contract.minorAmount.describe('Amount in minor currency units (cents)');

const packageIdParams = z.object({ packageId: objectId });
const versionParams = z.object({ packageId: objectId, version: z.coerce.number().int().min(1).max(1_000_000) });
const applicationIdParams = z.object({ applicationId: objectId });
const policyIdParams = z.object({ policyId: objectId });
const claimIdParams = z.object({ claimId: objectId });

const coverageTerms = describeFields(contract.coverageTerms, {
  annualLimitMinor: 'Yearly payout limit in minor units',
  coveragePeriodDays: `How long a policy runs; ${contract.DEFAULT_COVERAGE_PERIOD_DAYS} unless given`,
  copayPercent: 'The holder’s share of each claim, in percent',
  waitingPeriodDays: 'Days after the policy starts before claims are covered',
}).meta({ id: 'CoverageTerms', description: 'Structured coverage terms; no free text' });
const coverage = { coverage: contract.coverage.meta({ id: 'Coverage', description: 'Coverage as published' }) };

const packageTerms = z.strictObject({
  termsSha256: sha256.describe('SHA-256 of the full terms document kept off chain'),
  priceMinor: minor,
  currency: contract.currency,
  coverage: coverageTerms,
  eligibilitySummary: nonBlankText(contract.ELIGIBILITY_SUMMARY_MAX),
});

const packageVersionModel = contract.insurancePackageVersion.extend(coverage).meta({ id: 'InsurancePackageVersion', description: 'One immutable published version of a package' });

const publishedPackageModel = contract.publishedPackage.extend(coverage).meta({ id: 'InsurancePackage', description: 'A package version with the package’s latest version number' });

const applicationModel = describeFields(contract.insuranceApplication, {
  mismatches: 'What differed when the answer did not match the locked values',
}).meta({ id: 'InsuranceApplication' });

const policyModel = describeFields(contract.policy.extend(coverage), { coverageEnd: 'Exclusive' }).meta({ id: 'InsurancePolicy' });

const claimModel = contract.claim.meta({ id: 'InsuranceClaim', description: 'Public state of a claim; never what was treated' });

const applicationsQuery = statusPageQuery(contract.APPLICATION_STATUSES);
const claimsQuery = statusPageQuery(contract.CLAIM_STATUSES);

export const insuranceOperations: Operation[] = [
  // packages
  defineOperation({
    method: 'post',
    path: '/insurance/packages',
    operationId: 'publishInsurancePackage',
    summary: 'Publish a new package as version 1',
    tag: 'Insurance packages',
    access: { scope: 'write' },
    callers: 'verified insurer',
    transaction: 'Insurance:publishPackage',
    body: packageTerms.extend({ packageId: objectId.describe('Chosen by the insurer; unique') }).strict(),
    errors: [409],
    response: { status: 201, description: 'The published version 1', schema: publishedPackageModel },
    creates: { readBack: (published) => ({ transaction: 'Insurance:getPackageVersion', args: [published.packageId, String(published.version)] }) },
    async handle({ principal, body, deps }) {
      return deps.ledger.submitJson(principal, 'Insurance:publishPackage', [body.packageId, ...termsArgs(body)]);
    },
  }),
  defineOperation({
    method: 'post',
    path: '/insurance/packages/{packageId}/versions',
    operationId: 'publishInsurancePackageVersion',
    summary: 'Publish a new immutable version of your package',
    tag: 'Insurance packages',
    access: { scope: 'write' },
    callers: 'the package’s insurer',
    transaction: 'Insurance:publishPackageVersion',
    params: packageIdParams,
    body: packageTerms,
    response: { status: 201, description: 'The published version', schema: publishedPackageModel },
    creates: { readBack: (published) => ({ transaction: 'Insurance:getPackageVersion', args: [published.packageId, String(published.version)] }) },
    async handle({ principal, params, body, deps }) {
      return deps.ledger.submitJson(principal, 'Insurance:publishPackageVersion', [params.packageId, ...termsArgs(body)]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/insurance/packages',
    operationId: 'listInsurancePackages',
    summary: 'The latest version of every package on offer, in package-ID order',
    description: 'Packages of insurers that are not active are left out, so a page may hold fewer than limit items; follow nextCursor until null.',
    tag: 'Insurance packages',
    access: { scope: 'read' },
    callers: 'any registered principal',
    transaction: 'Insurance:listPackages',
    query: pageQuery,
    response: { status: 200, description: 'A page of packages', schema: pageOf(publishedPackageModel) },
    async handle({ principal, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Insurance:listPackages', pageArgs(query)));
    },
  }),
  defineOperation({
    method: 'get',
    path: '/insurance/packages/{packageId}',
    operationId: 'getInsurancePackage',
    summary: 'The latest version of a package on offer',
    tag: 'Insurance packages',
    access: { scope: 'read' },
    callers: 'any registered principal',
    transaction: 'Insurance:getPackage',
    params: packageIdParams,
    response: { status: 200, description: 'The package', schema: publishedPackageModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Insurance:getPackage', [params.packageId]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/insurance/packages/{packageId}/versions',
    operationId: 'listInsurancePackageVersions',
    summary: 'Every version of a package, oldest first',
    tag: 'Insurance packages',
    access: { scope: 'read' },
    callers: 'any registered principal',
    transaction: 'Insurance:listPackageVersions',
    params: packageIdParams,
    query: pageQuery,
    response: { status: 200, description: 'A page of versions', schema: pageOf(packageVersionModel) },
    async handle({ principal, params, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Insurance:listPackageVersions', [params.packageId, ...pageArgs(query)]));
    },
  }),
  defineOperation({
    method: 'get',
    path: '/insurance/packages/{packageId}/versions/{version}',
    operationId: 'getInsurancePackageVersion',
    summary: 'One version of a package (e.g. the one a policy was issued from)',
    tag: 'Insurance packages',
    access: { scope: 'read' },
    callers: 'any registered principal',
    transaction: 'Insurance:getPackageVersion',
    params: versionParams,
    response: { status: 200, description: 'The version', schema: publishedPackageModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Insurance:getPackageVersion', [params.packageId, String(params.version)]);
    },
  }),
  // applications
  defineOperation({
    method: 'post',
    path: '/insurance/applications',
    operationId: 'applyForInsurance',
    summary: 'Apply for the latest version of a package, accepting its terms by their hash',
    description: 'acceptedTermsSha256 must be that version’s terms hash (409 HASH_MISMATCH otherwise); it and the price are locked. The insurer must answer before responseDeadline.',
    tag: 'Insurance applications',
    access: { scope: 'write' },
    callers: 'patient',
    transaction: 'Insurance:apply',
    body: z
      .object({
        packageId: objectId,
        version: contract.insuranceApplication.shape.packageVersion.describe('The latest version (the one whose terms you accept)'),
        acceptedTermsSha256: sha256,
        responseDeadline: instant.describe('After now and at most 30 days ahead'),
      })
      .strict(),
    errors: [404, 409],
    response: { status: 201, description: 'The pending application', schema: applicationModel },
    creates: { readBack: (application) => ({ transaction: 'Insurance:getApplication', args: [application.id] }) },
    async handle({ principal, body, deps }) {
      return deps.ledger.submitJson(principal, 'Insurance:apply', ['', body.packageId, String(body.version), body.acceptedTermsSha256, body.responseDeadline]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/insurance/applications/{applicationId}',
    operationId: 'getInsuranceApplication',
    summary: 'An application',
    tag: 'Insurance applications',
    access: { scope: 'read' },
    callers: 'its insurer, the patient, a delegate, a grantee of view on insurance',
    transaction: 'Insurance:getApplication',
    params: applicationIdParams,
    response: { status: 200, description: 'The application', schema: applicationModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Insurance:getApplication', [params.applicationId]);
    },
  }),
  defineOperation({
    method: 'post',
    path: '/insurance/applications/{applicationId}/response',
    operationId: 'respondToInsuranceApplication',
    summary: 'Answer an application with the terms hash and price you offer',
    description:
      'Both equal to the locked values: the application is approved and a policy issued. Otherwise it is recorded as rejected with what differed (mismatches) — an outcome, not an error, so this still answers 200. At or after the deadline: 409 DEADLINE_PASSED.',
    tag: 'Insurance applications',
    access: { scope: 'write' },
    callers: 'the application’s insurer',
    transaction: 'Insurance:respond',
    params: applicationIdParams,
    body: z.object({ termsSha256: sha256, priceMinor: minor }).strict(),
    errors: [409],
    response: {
      status: 200,
      description: 'The answered application, and the policy when it matched',
      schema: contract.applicationResponse.extend({ application: applicationModel, policy: policyModel.optional() }).meta({ id: 'InsuranceApplicationResponse' }),
    },
    async handle({ principal, params, body, deps }) {
      return deps.ledger.submitJson(principal, 'Insurance:respond', [params.applicationId, body.termsSha256, String(body.priceMinor)]);
    },
  }),
  defineOperation({
    method: 'post',
    path: '/insurance/applications/{applicationId}/decline',
    operationId: 'declineInsuranceApplication',
    summary: 'Decline an application before its deadline, optionally recommending another package',
    tag: 'Insurance applications',
    access: { scope: 'write' },
    callers: 'the application’s insurer',
    transaction: 'Insurance:decline',
    params: applicationIdParams,
    body: z.object({ recommendedPackageId: objectId.optional() }).strict().optional(),
    errors: [409],
    response: { status: 200, description: 'The declined application', schema: applicationModel },
    async handle({ principal, params, body, deps }) {
      return deps.ledger.submitJson(principal, 'Insurance:decline', [params.applicationId, body?.recommendedPackageId ?? '']);
    },
  }),
  defineOperation({
    method: 'post',
    path: '/insurance/applications/{applicationId}/withdrawal',
    operationId: 'withdrawInsuranceApplication',
    summary: 'Withdraw an application whose deadline passed unanswered',
    tag: 'Insurance applications',
    access: { scope: 'write' },
    callers: 'the applicant patient',
    transaction: 'Insurance:withdraw',
    params: applicationIdParams,
    body: emptyBody,
    errors: [409],
    response: { status: 200, description: 'The withdrawn application', schema: applicationModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.submitJson(principal, 'Insurance:withdraw', [params.applicationId]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/patients/{patientId}/insurance/applications',
    operationId: 'listPatientInsuranceApplications',
    summary: 'A patient’s insurance applications',
    tag: 'Insurance applications',
    access: { scope: 'read' },
    callers: 'the patient, a delegate, a grantee of view on insurance',
    transaction: 'Insurance:listApplicationsByPatient',
    params: patientIdParams,
    query: applicationsQuery,
    response: { status: 200, description: 'A page of applications', schema: pageOf(applicationModel) },
    async handle({ principal, params, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Insurance:listApplicationsByPatient', [params.patientId, query.status ?? '', ...pageArgs(query)]));
    },
  }),
  defineOperation({
    method: 'get',
    path: '/me/insurance/applications',
    operationId: 'listMyInsuranceApplications',
    summary: 'Applications addressed to the calling insurer (its queue: ?status=pending)',
    tag: 'Insurance applications',
    access: { scope: 'read' },
    callers: 'insurer',
    transaction: 'Insurance:listApplicationsByInsurer',
    query: applicationsQuery,
    response: { status: 200, description: 'A page of applications', schema: pageOf(applicationModel) },
    async handle({ principal, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Insurance:listApplicationsByInsurer', [query.status ?? '', ...pageArgs(query)]));
    },
  }),
  // policies
  defineOperation({
    method: 'get',
    path: '/insurance/policies/{policyId}',
    operationId: 'getInsurancePolicy',
    summary: 'A policy',
    tag: 'Insurance policies',
    access: { scope: 'read' },
    callers: 'its insurer, the patient, a delegate, a grantee of view on insurance',
    transaction: 'Insurance:getPolicy',
    params: policyIdParams,
    response: { status: 200, description: 'The policy', schema: policyModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Insurance:getPolicy', [params.policyId]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/patients/{patientId}/insurance/policies',
    operationId: 'listPatientInsurancePolicies',
    summary: 'A patient’s policies, oldest first',
    tag: 'Insurance policies',
    access: { scope: 'read' },
    callers: 'the patient, a delegate, a grantee of view on insurance',
    transaction: 'Insurance:listPoliciesByPatient',
    params: patientIdParams,
    query: pageQuery,
    response: { status: 200, description: 'A page of policies', schema: pageOf(policyModel) },
    async handle({ principal, params, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Insurance:listPoliciesByPatient', [params.patientId, ...pageArgs(query)]));
    },
  }),
  defineOperation({
    method: 'get',
    path: '/me/insurance/policies',
    operationId: 'listMyInsurancePolicies',
    summary: 'The calling insurer’s policies, oldest first',
    tag: 'Insurance policies',
    access: { scope: 'read' },
    callers: 'insurer',
    transaction: 'Insurance:listPoliciesByInsurer',
    query: pageQuery,
    response: { status: 200, description: 'A page of policies', schema: pageOf(policyModel) },
    async handle({ principal, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Insurance:listPoliciesByInsurer', pageArgs(query)));
    },
  }),
  // claims
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

/** Chaincode arguments (termsSha256, priceMinor, currency, coverageJson, eligibilitySummary). */
function termsArgs(terms: z.output<typeof packageTerms>): string[] {
  return [terms.termsSha256, String(terms.priceMinor), terms.currency, JSON.stringify(terms.coverage), terms.eligibilitySummary];
}
