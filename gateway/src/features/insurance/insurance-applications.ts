import * as contract from '@medledger/chaincode/client';
import { z } from 'zod';
import { DAY_SECONDS } from '../../api/durations';
import { describeFields } from '../../api/models';
import { ledgerOperations, pathAndStatus, readBackById } from '../../api/ledger-operations';
import type { Operation } from '../../api/operation';
import { instant, objectId, patientIdParams } from '../../api/schemas';
import { statusPageQuery } from '../prescriptions/prescriptions';
import { coverage, minor, policyIdParams, sha256 } from './insurance-schemas';

/** Applications that lock the accepted terms hash and price, and the policies issued when the insurer's answer repeats both. */
const applications = ledgerOperations({ tag: 'Insurance applications' });
const policies = ledgerOperations({ tag: 'Insurance policies' });
const applicationIdParams = z.object({ applicationId: objectId });

const applicationModel = describeFields(contract.insuranceApplication, {
  mismatches: 'What differed when the answer did not match the locked values',
}).meta({ id: 'InsuranceApplication' });

const policyModel = describeFields(contract.policy.extend(coverage), { coverageEnd: 'Exclusive' }).meta({ id: 'InsurancePolicy' });

const applicationsQuery = statusPageQuery(contract.APPLICATION_STATUSES);

export const applicationOperations: Operation[] = [
  applications.create({
    path: '/insurance/applications',
    operationId: 'applyForInsurance',
    summary: 'Apply for the latest version of a package, accepting its terms by their hash',
    description:
      'acceptedTermsSha256 must be that version’s terms hash (409 HASH_MISMATCH otherwise); it and the price are locked. The insurer must answer before responseDeadline. Records listed in sharedRecordIds (yours; 404 otherwise) are shared with the application: the response’s workflowGrantId names the grant that lets the insurer view exactly those (purpose COVERAGE) until the application is decided, declined or withdrawn; it is listed in GET /me/consents and revocable like any consent.',
    callers: 'patient',
    transaction: 'Insurance:apply',
    body: z
      .object({
        packageId: objectId,
        version: contract.insuranceApplication.shape.packageVersion.describe('The latest version (the one whose terms you accept)'),
        acceptedTermsSha256: sha256,
        responseDeadline: instant.describe(`After now and at most ${contract.MAX_RESPONSE_WINDOW_SECONDS / DAY_SECONDS} days ahead`),
        sharedRecordIds: contract.grantScope.options[1].shape.recordIds.optional().describe('Your records to share with the insurer for this application'),
      })
      .strict(),
    args: ({ body }) => ['', body.packageId, String(body.version), body.acceptedTermsSha256, body.responseDeadline, JSON.stringify(body.sharedRecordIds ?? [])],
    errors: [404, 409],
    response: { description: 'The pending application', schema: applicationModel },
    creates: readBackById('Insurance:getApplication'),
  }),
  applications.read({
    path: '/insurance/applications/{applicationId}',
    patientData: true,
    operationId: 'getInsuranceApplication',
    summary: 'An application',
    callers: 'its insurer, the patient, a delegate, a grantee of view on insurance',
    transaction: 'Insurance:getApplication',
    params: applicationIdParams,
    response: { description: 'The application', schema: applicationModel },
  }),
  applications.step({
    path: '/insurance/applications/{applicationId}/response',
    operationId: 'respondToInsuranceApplication',
    summary: 'Answer an application with the terms hash and price you offer',
    description:
      'Both equal to the locked values: the application is approved and a policy issued. Otherwise it is recorded as rejected with what differed (mismatches) — an outcome, not an error, so this still answers 200. At or after the deadline: 409 DEADLINE_PASSED.',
    callers: 'the application’s insurer',
    transaction: 'Insurance:respond',
    params: applicationIdParams,
    body: z.object({ termsSha256: sha256, priceMinor: minor }).strict(),
    args: ({ params, body }) => [params.applicationId, body.termsSha256, String(body.priceMinor)],
    errors: [409],
    response: {
      description: 'The answered application, and the policy when it matched',
      schema: contract.applicationResponse.extend({ application: applicationModel, policy: policyModel.optional() }).meta({ id: 'InsuranceApplicationResponse' }),
    },
  }),
  applications.step({
    path: '/insurance/applications/{applicationId}/decline',
    operationId: 'declineInsuranceApplication',
    summary: 'Decline an application before its deadline, optionally recommending another package',
    callers: 'the application’s insurer',
    transaction: 'Insurance:decline',
    params: applicationIdParams,
    body: z.object({ recommendedPackageId: objectId.optional() }).strict().optional(),
    args: ({ params, body }) => [params.applicationId, body?.recommendedPackageId ?? ''],
    errors: [409],
    response: { description: 'The declined application', schema: applicationModel },
  }),
  applications.step({
    path: '/insurance/applications/{applicationId}/withdrawal',
    operationId: 'withdrawInsuranceApplication',
    summary: 'Withdraw an application whose deadline passed unanswered',
    callers: 'the applicant patient',
    transaction: 'Insurance:withdraw',
    params: applicationIdParams,
    errors: [409],
    response: { description: 'The withdrawn application', schema: applicationModel },
  }),
  applications.list({
    path: '/patients/{patientId}/insurance/applications',
    patientData: true,
    operationId: 'listPatientInsuranceApplications',
    summary: 'A patient’s insurance applications',
    callers: 'the patient, a delegate, a grantee of view on insurance',
    transaction: 'Insurance:listApplicationsByPatient',
    params: patientIdParams,
    query: applicationsQuery,
    args: pathAndStatus,
    response: { description: 'A page of applications', item: applicationModel },
  }),
  applications.list({
    path: '/me/insurance/applications',
    patientData: true,
    operationId: 'listMyInsuranceApplications',
    summary: 'Applications addressed to the calling insurer (its queue: ?status=pending)',
    callers: 'insurer',
    transaction: 'Insurance:listApplicationsByInsurer',
    query: applicationsQuery,
    args: pathAndStatus,
    response: { description: 'A page of applications', item: applicationModel },
  }),
  policies.read({
    path: '/insurance/policies/{policyId}',
    patientData: true,
    operationId: 'getInsurancePolicy',
    summary: 'A policy',
    callers: 'its insurer, the patient, a delegate, a grantee of view on insurance',
    transaction: 'Insurance:getPolicy',
    params: policyIdParams,
    response: { description: 'The policy', schema: policyModel },
  }),
  policies.list({
    path: '/patients/{patientId}/insurance/policies',
    patientData: true,
    operationId: 'listPatientInsurancePolicies',
    summary: 'A patient’s policies, oldest first',
    callers: 'the patient, a delegate, a grantee of view on insurance',
    transaction: 'Insurance:listPoliciesByPatient',
    params: patientIdParams,
    response: { description: 'A page of policies', item: policyModel },
  }),
  policies.list({
    path: '/me/insurance/policies',
    patientData: true,
    operationId: 'listMyInsurancePolicies',
    summary: 'The calling insurer’s policies, oldest first',
    callers: 'insurer',
    transaction: 'Insurance:listPoliciesByInsurer',
    response: { description: 'A page of policies', item: policyModel },
  }),
];
