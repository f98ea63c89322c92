import type { ApplicationStatus, Claim as LedgerClaim, InsuranceApplication, Policy } from '@medledger/chaincode/client';
import { BUNDLE_NAMING, HL7, ledgerIdentifier, type Naming, statusExtension, SYSTEMS } from './references';
import type { CodeableConcept, Money, Period, Reference, Resource } from './resources';

/**
 * Insurance as FHIR R4 (https://hl7.org/fhir/R4/coverage.html, claim.html, claimresponse.html):
 * a Coverage per policy (its plan class names the insurer's published package and version: R4's
 * Coverage has no element referring to an InsurancePlan, which R5 added) and
 * per application that did not become a policy (a draft, or cancelled), a Claim per claim with its
 * private details, and a ClaimResponse once the insurer decided.
 */
export interface Coverage extends Resource {
  resourceType: 'Coverage';
  status: 'active' | 'cancelled' | 'draft';
  beneficiary: Reference;
  payor: Reference[];
  period?: Period;
  class: { type: CodeableConcept; value: string; name?: string }[];
}

export interface Claim extends Resource {
  resourceType: 'Claim';
  status: 'active';
  type: CodeableConcept;
  use: 'claim';
  patient: Reference;
  created: string;
  provider: Reference;
  insurer: Reference;
  priority: CodeableConcept;
  insurance: { sequence: 1; focal: true; coverage: Reference }[];
  supportingInfo?: { sequence: 1; category: CodeableConcept; valueString: string }[];
  total: Money;
}

export interface ClaimResponse extends Resource {
  resourceType: 'ClaimResponse';
  status: 'active';
  type: CodeableConcept;
  use: 'claim';
  patient: Reference;
  created: string;
  insurer: Reference;
  request: Reference;
  outcome: 'complete';
  disposition: string;
  payment?: { type: CodeableConcept; amount: Money; date?: string };
}

/** The identifier system of a claim's invoice hash (the invoice stays off chain). */
export const INVOICE_SHA256_SYSTEM = 'urn:medledger:invoice-sha256';

const PLAN: CodeableConcept = { coding: [{ system: HL7.coverageClass, code: 'plan' }] };
/** Claims for care outside a hospital stay; the ledger keeps no finer kind. */
const PROFESSIONAL: CodeableConcept = { coding: [{ system: HL7.claimType, code: 'professional' }] };
const NORMAL: CodeableConcept = { coding: [{ system: HL7.processPriority, code: 'normal' }] };
const APPLICATION_STATUS: Record<ApplicationStatus, Coverage['status']> = { pending: 'draft', approved: 'active', rejected: 'cancelled', declined: 'cancelled', withdrawn: 'cancelled' };

/** Minor currency units (cents) as FHIR Money. */
function money(minor: number, currency: string): Money {
  return { value: minor / 100, currency };
}

/** The plan class: `packageId:version`, the package version the policy's terms were accepted from. */
function planOf(packageId: string, version: number): Pick<Coverage, 'class'> {
  return { class: [{ type: PLAN, value: `${packageId}:${String(version)}` }] };
}

export function policyCoverageOf(policy: Policy, naming: Naming = BUNDLE_NAMING): Coverage {
  return {
    resourceType: 'Coverage',
    id: naming.id('Coverage', policy.id),
    identifier: [ledgerIdentifier('policy', policy.id), ledgerIdentifier('insurance-application', policy.applicationId)],
    extension: [statusExtension(policy.status), ...policy.coverage.categories.map((category) => ({ url: SYSTEMS.coverageCategory, valueCode: category }))],
    status: 'active',
    beneficiary: naming.reference('Patient', policy.patientId),
    payor: [naming.party(policy.insurerId, 'Organization')],
    period: { start: policy.coverageStart, end: policy.coverageEnd },
    ...planOf(policy.packageId, policy.packageVersion),
  };
}

/** An application that did not (yet) become a policy; one that did is its policy's Coverage. */
export function applicationCoverageOf(application: InsuranceApplication, naming: Naming = BUNDLE_NAMING): Coverage {
  return {
    resourceType: 'Coverage',
    id: naming.id('Coverage', `application:${application.id}`),
    identifier: [ledgerIdentifier('insurance-application', application.id)],
    extension: [statusExtension(application.status)],
    status: APPLICATION_STATUS[application.status],
    beneficiary: naming.reference('Patient', application.patientId),
    payor: [naming.party(application.insurerId, 'Organization')],
    ...planOf(application.packageId, application.packageVersion),
  };
}

/** A claim against a policy (its Coverage is in the Bundle), with what it is for when the reader may see it. */
export function claimOf(claim: LedgerClaim, details: string | null, naming: Naming = BUNDLE_NAMING): Claim {
  return {
    resourceType: 'Claim',
    id: naming.id('Claim', claim.id),
    identifier: [ledgerIdentifier('claim', claim.id), { system: INVOICE_SHA256_SYSTEM, value: claim.invoiceSha256 }],
    extension: [statusExtension(claim.status)],
    status: 'active',
    type: PROFESSIONAL,
    use: 'claim',
    patient: naming.reference('Patient', claim.patientId),
    created: claim.submittedAt,
    provider: naming.party(claim.submittedBy),
    insurer: naming.party(claim.insurerId, 'Organization'),
    priority: NORMAL,
    insurance: [{ sequence: 1, focal: true, coverage: naming.reference('Coverage', claim.policyId) }],
    ...(details === null ? {} : { supportingInfo: [{ sequence: 1, category: { text: 'details' }, valueString: details }] }),
    total: money(claim.amountMinor, claim.currency),
  };
}

/** The insurer's decision on a claim, once made (and its payment once paid). */
export function claimResponseOf(claim: LedgerClaim, naming: Naming = BUNDLE_NAMING): ClaimResponse | undefined {
  // The ledger sets the decision and its time when the insurer decides; a submitted claim has neither.
  if (claim.decision === undefined || claim.decidedAt === undefined) {
    return undefined;
  }
  return {
    resourceType: 'ClaimResponse',
    id: naming.id('ClaimResponse', claim.id),
    identifier: [ledgerIdentifier('claim', claim.id)],
    extension: [statusExtension(claim.status)],
    status: 'active',
    type: PROFESSIONAL,
    use: 'claim',
    patient: naming.reference('Patient', claim.patientId),
    created: claim.decidedAt,
    insurer: naming.party(claim.insurerId, 'Organization'),
    request: naming.reference('Claim', claim.id),
    outcome: 'complete',
    disposition: claim.decision,
    ...(claim.approvedAmountMinor === undefined
      ? {}
      : { payment: { type: { text: claim.status === 'paid' ? 'complete' : 'approved' }, amount: money(claim.approvedAmountMinor, claim.currency), ...(claim.paidAt === undefined ? {} : { date: claim.paidAt.slice(0, 10) }) } }),
  };
}
