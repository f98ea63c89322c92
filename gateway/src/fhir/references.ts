import { createHash } from 'node:crypto';
import type { Coding, Extension, Identifier, Reference, Resource } from './resources';

/**
 * How MedLedger objects become FHIR resources and point at each other. A resource's id is a UUID
 * derived from its type and its ledger ID (a ledger ID may hold '_', which a FHIR id may not), so
 * the same object maps to the same resource in every export; the ledger ID stays as an identifier.
 */

/** The identifier systems and code systems of MedLedger's own values. */
export const SYSTEMS = {
  /** Pseudonymous stakeholder IDs (pat-…, doc-…): never a name or another direct identifier. */
  stakeholder: 'urn:medledger:stakeholder',
  /** The ID of a ledger object (grant, appointment, file, …), by its kind: urn:medledger:object:appointment. */
  object: (kind: string) => `urn:medledger:object:${kind}`,
  dataCategory: 'urn:medledger:data-category',
  role: 'urn:medledger:role',
  status: 'urn:medledger:status',
  serviceCode: 'urn:medledger:service-code',
  coverageCategory: 'urn:medledger:coverage-category',
  /** A Fabric transaction ID, for entries that record the transaction that wrote them. */
  transaction: 'urn:medledger:fabric-transaction',
  /** Extension: the SHA-256 (hex) of an attachment's content (FHIR's own Attachment.hash is SHA-1). */
  sha256: 'urn:medledger:fhir:content-sha256',
} as const;

/** HL7 code systems the mappings use. */
export const HL7 = {
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  consentAction: 'http://terminology.hl7.org/CodeSystem/consentaction',
  loinc: 'http://loinc.org',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
} as const;

/** A UUID (version 5 layout) from the resource type and ledger ID: stable across exports, unique per object. */
export function resourceId(resourceType: string, ledgerId: string): string {
  const hex = createHash('sha256').update(`medledger\u0000${resourceType}\u0000${ledgerId}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The Bundle entry's fullUrl of a resource. */
export function fullUrlOf(resource: Pick<Resource, 'id'>): string {
  return `urn:uuid:${resource.id}`;
}

/** A reference to the resource of this type and ledger ID, which the Bundle must hold. */
export function referenceTo(resourceType: string, ledgerId: string): Reference {
  return { reference: `urn:uuid:${resourceId(resourceType, ledgerId)}`, type: resourceType };
}

/**
 * How a mapping names resources and points at them: the one choice between the take-out Bundle
 * (ids are UUIDs, references urn:uuid: entries of the same Bundle) and the FHIR server (ids are the
 * ledger IDs, references relative Type/id the server can serve: fhir/server-naming.ts). Mappers
 * take a Naming, BUNDLE_NAMING by default, so every mapping rule stays in one place for both.
 */
export interface Naming {
  /**
   * The id of the resource of this type and ledger ID (or ledger key). `kind`: when several kinds
   * of ledger object become one resource type (a grant, a delegation, a break-glass access are all
   * Consents), which one; the take-out keeps them apart by it, the server serves one kind per type.
   */
  id(resourceType: string, ledgerId: string, kind?: string): string;
  /** A reference to that resource. */
  reference(resourceType: string, ledgerId: string): Reference;
  /** A stakeholder (a doctor, a pharmacy, an insurer), as the resource type it is when known. */
  party(stakeholderId: string, type?: string): Reference;
}

/** The take-out Bundle's naming: every referenced resource is an entry, parties stay logical. */
export const BUNDLE_NAMING: Naming = {
  id: (resourceType, ledgerId, kind) => resourceId(resourceType, kind === undefined ? ledgerId : `${kind}:${ledgerId}`),
  reference: referenceTo,
  party: (stakeholderId, type) => partyReference(stakeholderId, type),
};

/** A party outside the Bundle (a doctor, a pharmacy, an insurer), by its pseudonymous ID only. */
export function partyReference(stakeholderId: string, type?: string): Reference {
  return { ...(type === undefined ? {} : { type }), identifier: { system: SYSTEMS.stakeholder, value: stakeholderId } };
}

/** A ledger object outside the Bundle (an insurance package, another party's record), by its ID. */
export function objectReference(kind: string, id: string, type?: string): Reference {
  return { ...(type === undefined ? {} : { type }), identifier: { system: SYSTEMS.object(kind), value: id } };
}

export function ledgerIdentifier(kind: string, id: string): Identifier {
  return { system: SYSTEMS.object(kind), value: id };
}

/** The ledger's own status, kept beside the FHIR status it maps to (which is coarser). */
export function statusExtension(status: string): Extension {
  return { url: SYSTEMS.status, valueCode: status };
}

export function categoryCoding(category: string): Coding {
  return { system: SYSTEMS.dataCategory, code: category };
}

/** The FHIR resource type a stakeholder of this role is (the server serves them as such); overseers are none. */
export function resourceTypeOfRole(role: string): 'Patient' | 'Practitioner' | 'Organization' | undefined {
  const types: Readonly<Record<string, 'Patient' | 'Practitioner' | 'Organization'>> = { patient: 'Patient', doctor: 'Practitioner', hospital: 'Organization', pharmacy: 'Organization', insurer: 'Organization' };
  return types[role];
}
