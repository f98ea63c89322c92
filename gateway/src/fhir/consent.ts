import type { AccessRequestEffectiveStatus, AccessRequestView, BreakGlassView, DelegationView, GrantEffectiveStatus, GrantScope, GrantView } from '@medledger/chaincode/client';
import { BUNDLE_NAMING, categoryCoding, HL7, ledgerIdentifier, objectReference, resourceTypeOfRole, statusExtension, SYSTEMS, type Naming } from './references';
import type { CodeableConcept, Coding, Period, Reference, Resource } from './resources';

/**
 * A patient's consents as FHIR R4 Consent resources (https://hl7.org/fhir/R4/consent.html): each
 * grant, each access request (a proposed consent), each delegation and each break-glass access.
 * The provision says who (the grantee, by pseudonymous ID), what (categories or records), which
 * actions, for which purpose of use, and when.
 */
export interface Consent extends Resource {
  resourceType: 'Consent';
  status: 'draft' | 'proposed' | 'active' | 'rejected' | 'inactive';
  scope: CodeableConcept;
  category: CodeableConcept[];
  patient: Reference;
  dateTime: string;
  performer?: Reference[];
  policyRule?: CodeableConcept;
  provision: {
    type: 'permit';
    period?: Period;
    actor?: { role: CodeableConcept; reference: Reference }[];
    action?: CodeableConcept[];
    purpose?: Coding[];
    class?: Coding[];
    data?: { meaning: 'instance'; reference: Reference }[];
  };
}

const PRIVACY: CodeableConcept = { coding: [{ system: HL7.consentScope, code: 'patient-privacy' }] };
const OPT_IN: CodeableConcept = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] };
const PATIENT_CONSENT: CodeableConcept = { coding: [{ system: HL7.loinc, code: '59284-0', display: 'Patient Consent' }] };
/** A grant's actions as HL7 consent actions (and back, when a FHIR client grants: features/fhir/consent-resource.ts). */
export const ACTION_CODE = { view: 'access', edit: 'correct' } as const;

export const GRANT_STATUS: Record<GrantEffectiveStatus, Consent['status']> = { active: 'active', 'not-yet-valid': 'active', revoked: 'inactive', ended: 'inactive', expired: 'inactive' };
const REQUEST_STATUS: Record<AccessRequestEffectiveStatus, Consent['status']> = { pending: 'proposed', approved: 'inactive', denied: 'rejected', expired: 'inactive' };

function role(code: string): CodeableConcept {
  return { coding: [{ system: SYSTEMS.role, code }] };
}

/** What a grant or a request covers: categories as provision classes, single records as data. */
function scopeOf(scope: GrantScope): Pick<Consent['provision'], 'class' | 'data'> {
  if (scope.recordIds !== undefined) {
    return { data: scope.recordIds.map((id) => ({ meaning: 'instance', reference: objectReference('record', id) })) };
  }
  return { class: scope.categories.map(categoryCoding) };
}

function base(kind: string, id: string, patientId: string, createdAt: string, naming: Naming): Pick<Consent, 'resourceType' | 'id' | 'identifier' | 'scope' | 'category' | 'patient' | 'dateTime' | 'policyRule'> {
  return {
    resourceType: 'Consent',
    id: naming.id('Consent', id, kind),
    identifier: [ledgerIdentifier(kind, id)],
    scope: PRIVACY,
    category: [PATIENT_CONSENT],
    // R4 ppc-1: a Consent names its policy. The patient opts in to this disclosure (v3 ActCode OPTIN); delegations and break-glass name their own.
    policyRule: OPT_IN,
    patient: naming.reference('Patient', patientId),
    dateTime: createdAt,
  };
}

/** A grant: permit the grantee these actions on this scope, for this purpose, in this window. */
export function grantConsentOf(grant: GrantView, naming: Naming = BUNDLE_NAMING): Consent {
  return {
    ...base('grant', grant.id, grant.patientId, grant.createdAt, naming),
    status: GRANT_STATUS[grant.effectiveStatus],
    extension: [statusExtension(grant.effectiveStatus)],
    performer: [naming.party(grant.createdBy, grant.createdBy === grant.patientId ? 'Patient' : undefined)],
    provision: {
      type: 'permit',
      period: { start: grant.validFrom, end: grant.revokedAt ?? grant.validUntil },
      actor: [{ role: role(grant.granteeRole), reference: naming.party(grant.granteeId, resourceTypeOfRole(grant.granteeRole)) }],
      action: grant.actions.map((action) => ({ coding: [{ system: HL7.consentAction, code: ACTION_CODE[action] }] })),
      purpose: [{ system: HL7.actReason, code: grant.purpose }],
      ...scopeOf(grant.scope),
    },
  };
}

/** A professional's request for consent: a proposed Consent until the patient decides. */
export function accessRequestConsentOf(request: AccessRequestView, naming: Naming = BUNDLE_NAMING): Consent {
  return {
    ...base('access-request', request.id, request.patientId, request.createdAt, naming),
    status: REQUEST_STATUS[request.effectiveStatus],
    extension: [statusExtension(request.effectiveStatus)],
    provision: {
      type: 'permit',
      period: { end: request.validUntil },
      actor: [{ role: role(request.requesterRole), reference: naming.party(request.requesterId, resourceTypeOfRole(request.requesterRole)) }],
      action: request.actions.map((action) => ({ coding: [{ system: HL7.consentAction, code: ACTION_CODE[action] }] })),
      purpose: [{ system: HL7.actReason, code: request.purpose }],
      ...scopeOf(request.scope),
    },
  };
}

/** A delegation: the delegate may act for the patient (manage consent, see their data) in the window. */
export function delegationConsentOf(delegation: DelegationView, naming: Naming = BUNDLE_NAMING): Consent {
  return {
    ...base('delegation', delegation.id, delegation.patientId, delegation.createdAt, naming),
    status: delegation.effectiveStatus === 'active' ? 'active' : 'inactive',
    extension: [statusExtension(delegation.effectiveStatus)],
    policyRule: { text: 'Delegation: the delegate acts for the patient' },
    provision: {
      type: 'permit',
      period: { start: delegation.validFrom, end: delegation.revokedAt ?? delegation.validUntil },
      actor: [{ role: role('delegate'), reference: naming.party(delegation.delegateId) }],
    },
  };
}

/** A break-glass access: emergency treatment without consent, in its window (the reason stays private, only its salted hash is on chain). */
export function breakGlassConsentOf(access: BreakGlassView, naming: Naming = BUNDLE_NAMING): Consent {
  return {
    ...base('break-glass', access.id, access.patientId, access.openedAt, naming),
    status: access.open ? 'active' : 'inactive',
    policyRule: { coding: [{ system: HL7.actReason, code: 'ETREAT' }], text: 'Break-glass: emergency access without consent' },
    provision: {
      type: 'permit',
      period: { start: access.openedAt, end: access.expiresAt },
      actor: [{ role: role('doctor'), reference: naming.party(access.doctorId, 'Practitioner') }],
      action: [{ coding: [{ system: HL7.consentAction, code: 'access' }] }],
      purpose: [{ system: HL7.actReason, code: 'ETREAT' }],
    },
  };
}
