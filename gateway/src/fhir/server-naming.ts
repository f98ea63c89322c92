import { fhirIdOf } from './ids';
import { BUNDLE_NAMING, partyReference, resourceId, SYSTEMS, type Naming } from './references';
import type { Reference } from './resources';

/** The resource types that are stakeholders, referenced by their pseudonymous stakeholder ID. */
const PARTY_TYPES = new Set(['Patient', 'Practitioner', 'Organization']);

/**
 * The FHIR server's naming: a resource's id is its ledger ID (fhir/ids.ts, reversible, so a read by
 * id needs no lookup), and a reference is relative (`Practitioner/doc-1a2b3c`) when the server
 * serves that type by id; otherwise, or when the ledger ID cannot be a FHIR id, it is a logical
 * reference by identifier, as in the take-out. Nothing here is a name or a direct identifier.
 */
export function serverNaming(served: ReadonlySet<string>): Naming {
  const relative = (type: string, ledgerId: string): Reference | undefined => {
    const id = served.has(type) ? fhirIdOf(ledgerId) : undefined;
    return id === undefined ? undefined : { reference: `${type}/${id}`, type };
  };
  return {
    // An ID too long to be a FHIR id still gets a stable, valid one; it is then found by search, not read.
    id: (type, ledgerId) => fhirIdOf(ledgerId) ?? resourceId(type, ledgerId),
    reference: (type, ledgerId) =>
      relative(type, ledgerId) ?? (PARTY_TYPES.has(type) ? partyReference(ledgerId, type) : { type, identifier: { system: SYSTEMS.object(type.toLowerCase()), value: ledgerId } }),
    party: (stakeholderId, type) => (type === undefined ? undefined : relative(type, stakeholderId)) ?? BUNDLE_NAMING.party(stakeholderId, type),
  };
}
