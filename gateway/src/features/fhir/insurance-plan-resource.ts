import type { PublishedPackage } from '@medledger/chaincode/client';
import { insurancePlanOf } from '../../fhir/insurance-plan';
import { packageOperations } from '../insurance/insurance-packages';
import { fhirRead, fhirSearch, fhirVread, type FhirResourceModule } from './fhir-interactions';
import { ledgerPageOf, restDelegate, restPageQuery } from './rest-delegate';

const get = restDelegate(packageOperations, 'getInsurancePackage');
const getVersion = restDelegate(packageOperations, 'getInsurancePackageVersion');
const list = restDelegate(packageOperations, 'listInsurancePackages');

const CALLERS = 'any registered principal';

/**
 * InsurancePlan: an insurer’s published package, whose versions are the FHIR versions (read is
 * the latest, vread any published one, meta.versionId the version number), read and listed
 * through the REST package operations. Packages hold no patient data.
 */
export const insurancePlanResource: FhirResourceModule = {
  type: 'InsurancePlan',
  versioned: true,
  interactions: [
    fhirRead({
      type: 'InsurancePlan',
      summary: 'The latest version of a package on offer',
      callers: CALLERS,
      transaction: 'Insurance:getPackage',
      async read(call, packageId) {
        return insurancePlanOf((await get.call(call, { params: { packageId } })) as PublishedPackage, call.fhir.naming);
      },
    }),
    fhirVread({
      type: 'InsurancePlan',
      summary: 'One published version of a package (e.g. the one a policy was issued from)',
      callers: CALLERS,
      transaction: 'Insurance:getPackageVersion',
      async vread(call, packageId, version) {
        return insurancePlanOf((await getVersion.call(call, { params: { packageId, version } })) as PublishedPackage, call.fhir.naming);
      },
    }),
    fhirSearch<Record<string, never>>({
      type: 'InsurancePlan',
      summary: 'The latest version of every package on offer, in package-ID order',
      callers: CALLERS,
      transaction: 'Insurance:listPackages',
      params: [],
      async search(call, page) {
        const { items, bookmark } = ledgerPageOf(await list.call(call, { query: restPageQuery(page) }));
        return { resources: (items as PublishedPackage[]).map((published) => insurancePlanOf(published, call.fhir.naming)), bookmark };
      },
    }),
  ],
};
