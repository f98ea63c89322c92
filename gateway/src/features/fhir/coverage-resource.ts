import type { Policy } from '@medledger/chaincode/client';
import { policyCoverageOf } from '../../fhir/insurance';
import { applicationOperations } from '../insurance/insurance-applications';
import { fhirRead, fhirSearch, type FhirResourceModule } from './fhir-interactions';
import { ledgerPageOf, restDelegate, restPageQuery } from './rest-delegate';
import { patientSearchParam } from './search-params';

const get = restDelegate(applicationOperations, 'getInsurancePolicy');
const byPatient = restDelegate(applicationOperations, 'listPatientInsurancePolicies');
const mine = restDelegate(applicationOperations, 'listMyInsurancePolicies');

/**
 * Coverage: an insurance policy (its holder, insurer, period and the package version it was issued
 * from), read and searched through the REST policy operations: by `patient`, or the calling
 * insurer’s policies. An application that has not become a policy is in the patient’s take-out
 * only.
 */
export const coverageResource: FhirResourceModule = {
  type: 'Coverage',
  interactions: [
    fhirRead({
      type: 'Coverage',
      summary: 'An insurance policy',
      callers: 'its insurer, the patient, a delegate, a grantee of view on insurance',
      transaction: 'Insurance:getPolicy',
      patientData: true,
      async read(call, policyId) {
        return policyCoverageOf((await get.call(call, { params: { policyId }, query: call.query })) as Policy, call.fhir.naming);
      },
    }),
    fhirSearch<{ patient?: string; purpose?: string }>({
      type: 'Coverage',
      summary: 'A patient’s policies (patient=), or the calling insurer’s',
      callers: 'the patient, a delegate, a grantee of view on insurance; without patient: insurer',
      transaction: 'Insurance:listPoliciesByPatient, Insurance:listPoliciesByInsurer',
      patientData: true,
      params: [patientSearchParam],
      async search(call, page) {
        const { patient, purpose } = call.query;
        const query = { ...restPageQuery(page), purpose };
        const answer = patient === undefined ? await mine.call(call, { query }) : await byPatient.call(call, { params: { patientId: patient }, query });
        const { items, bookmark } = ledgerPageOf(answer);
        return { resources: (items as Policy[]).map((policy) => policyCoverageOf(policy, call.fhir.naming)), bookmark };
      },
    }),
  ],
};
