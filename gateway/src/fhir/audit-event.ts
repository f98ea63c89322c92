import type { AccessLogEntry } from '@medledger/chaincode/client';
import { z } from 'zod';
import { resourceTypeOfRole } from './references';

/**
 * The access log as FHIR R4 AuditEvent resources (https://hl7.org/fhir/R4/auditevent.html): who
 * (agent: the accessor, by its pseudonymous stakeholder ID and role), what (entity: the resource
 * read and the patient it belongs to), when (recorded), why (purposeOfEvent, an HL7 PurposeOfUse
 * code) and the outcome (allowed or refused). One entry maps to one AuditEvent, so the patient's
 * CSV export, the AuditEvent export and the take-out bundle all say the same thing.
 */

/** Where MedLedger's own identifiers live (URNs, so no resolvable server is implied). */
export const MEDLEDGER_SYSTEMS = {
  stakeholder: 'urn:medledger:stakeholder',
  role: 'urn:medledger:role',
  resource: 'urn:medledger:resource',
  accessLog: 'urn:medledger:access-log',
  transaction: 'urn:medledger:fabric-transaction',
} as const;

/**
 * HL7 PurposeOfUse codes (value set 2.16.840.1.113883.1.11.20448) are drawn from the v3 ActReason
 * code system; a FHIR Coding names the code system, not the value set.
 */
export const PURPOSE_OF_USE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const AUDIT_EVENT_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/audit-event-type';
const RESTFUL_INTERACTION_SYSTEM = 'http://hl7.org/fhir/restful-interaction';
const ENTITY_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/object-role';
const SOURCE_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/security-source-type';

const coding = z.object({ system: z.string(), code: z.string(), display: z.string().optional() });
/** By identifier always; on the FHIR server also a relative reference when the party is served there (fhir/server-naming.ts). */
const identifierReference = z.object({ reference: z.string().optional(), type: z.string().optional(), identifier: z.object({ system: z.string(), value: z.string() }), display: z.string().optional() });
const detail = z.object({ type: z.string(), valueString: z.string() });

export const auditEventSchema = z
  .object({
    resourceType: z.literal('AuditEvent'),
    id: z.string(),
    type: coding,
    subtype: z.array(coding),
    action: z.enum(['R', 'U']).describe('R: read (view); U: update (edit)'),
    recorded: z.string().describe('When the ledger recorded the access (transaction time)'),
    outcome: z.enum(['0', '4']).describe('0: success (allowed); 4: minor failure (refused)'),
    outcomeDesc: z.string().optional(),
    purposeOfEvent: z.array(z.object({ coding: z.array(coding) })),
    agent: z.array(
      z.object({
        type: z.object({ coding: z.array(coding) }),
        who: identifierReference,
        requestor: z.boolean(),
        policy: z.array(z.string()).optional().describe('The grant, delegation or break-glass the access relied on (URNs)'),
      }),
    ),
    source: z.object({ observer: z.object({ display: z.string() }), type: z.array(coding) }),
    entity: z.array(
      z.object({
        what: identifierReference,
        type: coding,
        role: coding,
        detail: z.array(detail).optional(),
      }),
    ),
  })
  .meta({ id: 'AuditEvent', description: 'FHIR R4 AuditEvent for one access-log entry' });
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditEventBundleSchema = z
  .object({
    resourceType: z.literal('Bundle'),
    type: z.literal('collection'),
    timestamp: z.string(),
    entry: z.array(z.object({ fullUrl: z.string(), resource: auditEventSchema })),
  })
  .meta({ id: 'AuditEventBundle', description: 'FHIR R4 Bundle (collection) of AuditEvents, newest first' });
export type AuditEventBundle = z.infer<typeof auditEventBundleSchema>;

/** What the access relied on, as URNs; a refused access relied on nothing. */
function policies(entry: AccessLogEntry): string[] {
  const ids: [string, string | undefined][] = [
    ['grant', entry.grantId],
    ['delegation', entry.delegationId],
    ['break-glass', entry.breakGlassId],
  ];
  return ids.flatMap(([kind, id]) => (id === undefined ? [] : [`urn:medledger:${kind}:${id}`]));
}

/** Facts of the entry no AuditEvent element holds: the category, the basis, the ledger transaction. */
function details(entry: AccessLogEntry): z.infer<typeof detail>[] {
  const facts: [string, string | undefined][] = [
    ['category', entry.category],
    ['recordId', entry.recordId],
    ['basis', entry.basis],
    ['refusalCode', entry.refusalCode],
    ['txId', entry.txId],
  ];
  return facts.flatMap(([type, value]) => (value === undefined ? [] : [{ type, valueString: value }]));
}

/** Entries written before outcomes were recorded were all allowed. */
function isRefused(entry: AccessLogEntry): boolean {
  return entry.outcome === 'refused';
}

/** How the server names the event and points at its parties; the exports name them by identifier only. */
export interface AuditNaming {
  id(resourceType: 'AuditEvent', ledgerId: string): string;
  party(stakeholderId: string, type?: string): { reference?: string; type?: string };
}

/** The party by identifier, and by reference where the naming serves it. */
function who(naming: AuditNaming | undefined, stakeholderId: string, type: string | undefined): z.infer<typeof identifierReference> {
  const served = naming?.party(stakeholderId, type).reference;
  return { ...(served === undefined ? {} : { reference: served, ...(type === undefined ? {} : { type }) }), identifier: { system: MEDLEDGER_SYSTEMS.stakeholder, value: stakeholderId } };
}

/** One access-log entry as a FHIR R4 AuditEvent; with the server's naming (features/fhir), its id is the entry's FHIR id and its parties are references. */
export function auditEventOf(entry: AccessLogEntry, naming?: AuditNaming): AuditEvent {
  const refused = isRefused(entry);
  const policy = policies(entry);
  return {
    resourceType: 'AuditEvent',
    id: naming === undefined ? entry.id : naming.id('AuditEvent', entry.id),
    type: { system: AUDIT_EVENT_TYPE_SYSTEM, code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: RESTFUL_INTERACTION_SYSTEM, code: entry.action === 'edit' ? 'update' : 'read' }],
    action: entry.action === 'edit' ? 'U' : 'R',
    recorded: entry.at,
    outcome: refused ? '4' : '0',
    ...(refused ? { outcomeDesc: `refused: ${entry.refusalCode ?? 'CONSENT_REQUIRED'}` } : {}),
    purposeOfEvent: entry.purpose === undefined ? [] : [{ coding: [{ system: PURPOSE_OF_USE_SYSTEM, code: entry.purpose }] }],
    agent: [
      {
        type: { coding: [{ system: MEDLEDGER_SYSTEMS.role, code: entry.accessorRole }] },
        who: who(naming, entry.accessorId, resourceTypeOfRole(entry.accessorRole)),
        requestor: true,
        ...(policy.length > 0 ? { policy } : {}),
      },
    ],
    source: { observer: { display: 'MedLedger ledger' }, type: [{ system: SOURCE_TYPE_SYSTEM, code: '4', display: 'Application Server' }] },
    entity: [
      {
        what: { identifier: { system: `${MEDLEDGER_SYSTEMS.resource}:${entry.resourceType}`, value: entry.resourceId } },
        type: { system: ENTITY_TYPE_SYSTEM, code: '2', display: 'System Object' },
        role: { system: OBJECT_ROLE_SYSTEM, code: '4', display: 'Domain Resource' },
        detail: details(entry),
      },
      {
        what: who(naming, entry.patientId, 'Patient'),
        type: { system: ENTITY_TYPE_SYSTEM, code: '1', display: 'Person' },
        role: { system: OBJECT_ROLE_SYSTEM, code: '1', display: 'Patient' },
      },
    ],
  };
}

/** One entry of a Bundle of AuditEvents (for a bundle written out entry by entry). */
export function auditEventBundleEntry(entry: AccessLogEntry): AuditEventBundle['entry'][number] {
  return { fullUrl: `${MEDLEDGER_SYSTEMS.accessLog}:${entry.id}`, resource: auditEventOf(entry) };
}

/** Entries (newest first, as the log lists them) as a Bundle of AuditEvents. `timestamp`: when the bundle was assembled. */
export function auditEventBundle(entries: readonly AccessLogEntry[], timestamp: string): AuditEventBundle {
  return { resourceType: 'Bundle', type: 'collection', timestamp, entry: entries.map((entry) => auditEventBundleEntry(entry)) };
}
