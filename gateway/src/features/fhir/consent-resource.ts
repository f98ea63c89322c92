import type { GrantView } from '@medledger/chaincode/client';
import { STEP_UP } from '../../api/operation';
import { GRANT_STATUS, grantConsentOf } from '../../fhir/consent';
import { grantConsent } from '../consent/consents';
import { consentGrantBody } from './consent-terms';
import { fhirCreate, fhirRead, fhirSearch, type FhirCall, type FhirResourceModule, type LedgerPageRequest } from './fhir-interactions';
import { dateSearchParam, lastUpdatedSearchParam, matchesDates, patientSearchParam, statusSearchParam, type DateComparison } from './search-params';

/**
 * Consent: a patient's grants (https://hl7.org/fhir/R4/consent.html), over the same transactions as
 * /consents: read (Consent:getGrant), search (a patient's grants, Consent:listGrantsByPatient, or
 * the grants the calling professional holds, Consent:listGrantsByGrantee) and create, which is
 * granting (Consent:grant / grantFor, with a fresh authentication as POST /consents). The chaincode
 * decides who may see and grant what.
 */

interface ConsentSearch {
  patient?: string;
  status?: 'active' | 'inactive';
  date?: DateComparison[];
  _lastUpdated?: DateComparison[];
}

/** Whose grants a search lists: the named patient's, the calling patient's own, or those the calling professional holds. */
function listOf({ principal, deps, query }: FhirCall<Record<string, never>, ConsentSearch>, { count, bookmark }: LedgerPageRequest) {
  const page = [String(count), bookmark];
  const patientId = query.patient ?? (principal.role === 'patient' ? principal.stakeholderId : undefined);
  return patientId === undefined ? deps.ledger.evaluateJson(principal, 'Consent:listGrantsByGrantee', page) : deps.ledger.evaluateJson(principal, 'Consent:listGrantsByPatient', [patientId, ...page]);
}

function matches(grant: GrantView, query: ConsentSearch): boolean {
  return (query.status === undefined || GRANT_STATUS[grant.effectiveStatus] === query.status) && matchesDates(grant.createdAt, query.date) && matchesDates(grant.updatedAt, query._lastUpdated);
}

export const consentResource: FhirResourceModule = {
  type: 'Consent',
  interactions: [
    fhirRead({
      type: 'Consent',
      summary: 'A grant as a Consent, with its status judged now',
      callers: 'the patient, a delegate, the grantee',
      transaction: 'Consent:getGrant',
      async read({ principal, deps, fhir }, ledgerId) {
        return grantConsentOf(await deps.ledger.evaluateJson(principal, 'Consent:getGrant', [ledgerId]), fhir.naming);
      },
    }),
    fhirSearch<ConsentSearch>({
      type: 'Consent',
      summary: 'A patient’s grants (patient=), or without patient the calling patient’s own or the grants the calling professional holds',
      callers: 'the patient, a delegate; a professional for the grants it holds',
      transaction: 'Consent:listGrantsByPatient / Consent:listGrantsByGrantee',
      params: [patientSearchParam, statusSearchParam(['active', 'inactive']), dateSearchParam('When the grant was made (Consent.dateTime)'), lastUpdatedSearchParam],
      async search(call, page) {
        const listed = await listOf(call, page);
        const resources = listed.items.filter((grant) => matches(grant, call.query)).map((grant) => grantConsentOf(grant, call.fhir.naming));
        return { resources, bookmark: listed.bookmark };
      },
    }),
    fhirCreate({
      type: 'Consent',
      summary: 'Grant: a Consent naming the grantee (provision.actor), actions, purpose, class or data, and period',
      callers: 'the patient, or a delegate in force',
      transaction: 'Consent:grant / Consent:grantFor',
      access: STEP_UP,
      errors: [404],
      body: consentGrantBody,
      readBack: 'Consent:getGrant',
      async create({ principal, deps, body, fhir }) {
        return grantConsentOf(await grantConsent(deps, principal, body), fhir.naming);
      },
    }),
  ],
};
