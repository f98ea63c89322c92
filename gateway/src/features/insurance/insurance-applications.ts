import * as contract from '@medledger/chaincode';
import { z } from 'zod';
import { DAY_SECONDS } from '../../api/durations';
import { describeFields } from '../../api/models';
import { defineOperation, type Operation } from '../../api/operation';
import { pageArgs, pageFromLedger, pageOf, pageQuery } from '../../api/pagination';
import { emptyBody, instant, objectId, patientIdParams } from '../../api/schemas';
import { statusPageQuery } from '../prescriptions/prescriptions';
import { coverage, minor, policyIdParams, sha256 } from './insurance-schemas';

/** Applications that lock the accepted terms hash and price, and the policies issued when the insurer's answer repeats both. */
const applicationIdParams = z.object({ applicationId: objectId });

const applicationModel = describeFields(contract.insuranceApplication, {
  mismatches: 'What differed when the answer did not match the locked values',
}).meta({ id: 'InsuranceApplication' });

const policyModel = describeFields(contract.policy.extend(coverage), { coverageEnd: 'Exclusive' }).meta({ id: 'InsurancePolicy' });

const applicationsQuery = statusPageQuery(contract.APPLICATION_STATUSES);

export const applicationOperations: Operation[] = [
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
        responseDeadline: instant.describe(`After now and at most ${contract.MAX_RESPONSE_WINDOW_SECONDS / DAY_SECONDS} days ahead`),
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
];
