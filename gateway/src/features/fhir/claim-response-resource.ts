import type { Claim as LedgerClaim } from '@medledger/chaincode/client';
import { Problem } from '../../api/errors/problems';
import { claimResponseOf, type ClaimResponse } from '../../fhir/insurance';
import { claimOperations } from '../insurance/insurance-claims';
import { claimPage, coverageSearchParam } from './claim-resource';
import { fhirRead, fhirSearch, type FhirResourceModule } from './fhir-interactions';
import { stamped } from './last-updated';
import { dateSearchParam, lastUpdatedSearchParam, type DateComparison } from './search-params';
import { restDelegate } from './rest-delegate';

const get = restDelegate(claimOperations, 'getInsuranceClaim');

/**
 * ClaimResponse: the insurer’s decision on a claim (and its payment), which exists once the claim
 * is decided; its id is the claim’s. Read and searched as the claims are (the same REST reads), an
 * undecided claim has none.
 */
export const claimResponseResource: FhirResourceModule = {
  type: 'ClaimResponse',
  interactions: [
    fhirRead({
      type: 'ClaimResponse',
      summary: 'The decision on a claim, once decided',
      callers: 'its insurer, its submitter, the patient, a delegate, a grantee of view on billing',
      transaction: 'Insurance:getClaim',
      patientData: true,
      async read(call, claimId) {
        const claim = (await get.call(call, { params: { claimId }, query: call.query })) as LedgerClaim;
        const response = claimResponseOf(claim, call.fhir.naming);
        if (response === undefined) {
          throw new Problem('NOT_FOUND', `claim ${claimId} is not decided yet: no ClaimResponse`);
        }
        return stamped(response, claim.updatedAt);
      },
    }),
    fhirSearch<{ coverage?: string; _lastUpdated?: DateComparison[]; date?: DateComparison[]; purpose?: string }>({
      type: 'ClaimResponse',
      summary: 'The decisions on a policy’s claims (coverage=), or on the calling insurer’s',
      callers: 'the policy’s insurer, the patient, a delegate, a grantee of view on billing; without coverage: insurer',
      transaction: 'Insurance:listClaimsByPolicy, Insurance:listClaimsByInsurer',
      // coverage= names a policy, which must exist
      errors: [404],
      patientData: true,
      params: [coverageSearchParam, dateSearchParam('When it was decided (created)'), lastUpdatedSearchParam],
      async search(call, page) {
        const { claims, bookmark } = await claimPage(call, page, call.query, (claim) => claim.decidedAt, call.query.date);
        const resources = claims.flatMap((claim): ClaimResponse[] => {
          const response = claimResponseOf(claim, call.fhir.naming);
          return response === undefined ? [] : [stamped(response, claim.updatedAt)];
        });
        return { resources, bookmark };
      },
    }),
  ],
};
