import { z } from 'zod';
import { ACTION_CODE } from '../../fhir/consent';
import { ledgerIdOf } from '../../fhir/ids';
import { SYSTEMS } from '../../fhir/references';
import { grantBody } from '../consent/consents';

/**
 * What POST /fhir/Consent reads from a FHIR Consent: the grant's terms, then checked by the very
 * schema POST /consents uses (grantBody), so both refuse the same requests with the same VALIDATION_FAILED (422 there, 400 as FHIR answers it).
 *   patient.reference           Patient/{id} (omit for your own)      → patientId
 *   provision.actor[0].reference Practitioner/{id}, Organization/{id}, or identifier urn:medledger:stakeholder → granteeId
 *   provision.action[].coding   consentaction access | correct         → actions view | edit
 *   provision.purpose[0].code   v3-ActReason PurposeOfUse              → purpose
 *   provision.class[].code      urn:medledger:data-category            → scope.categories
 *   provision.data[].reference.identifier urn:medledger:object:record → scope.recordIds
 *   provision.period            start (default now), end               → validFrom, validUntil
 */

const reference = z.object({
  reference: z.string().max(200).optional(),
  identifier: z.object({ system: z.string().max(200), value: z.string().max(200) }).optional(),
});
const coding = z.object({ system: z.string().max(200).optional(), code: z.string().max(64) });

/** A stakeholder from a relative reference (Type/{id}) or a stakeholder identifier; anything else stays unreadable for grantBody to refuse. */
function stakeholderOf(value: z.output<typeof reference> | undefined): string | undefined {
  if (value?.reference !== undefined) {
    const id = /^(?:Patient|Practitioner|Organization)\/([A-Za-z0-9\-.]{1,64})$/.exec(value.reference)?.[1];
    return id === undefined ? value.reference : (ledgerIdOf(id) ?? id);
  }
  return value?.identifier?.system === SYSTEMS.stakeholder ? value.identifier.value : undefined;
}

const ACTION_OF_CODE: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ACTION_CODE).map(([action, code]) => [code, action]));

const consentShape = z.looseObject({
  resourceType: z.literal('Consent'),
  status: z.literal('active').describe('A grant is active from validFrom'),
  patient: reference.optional(),
  provision: z.object({
    period: z.object({ start: z.string().optional(), end: z.string().optional() }).optional(),
    actor: z.array(z.object({ reference })).length(1, 'name exactly one actor: the grantee'),
    action: z.array(z.object({ coding: z.array(coding).min(1) })).min(1),
    purpose: z.array(coding).length(1, 'name exactly one purpose of use'),
    class: z.array(coding).optional(),
    data: z.array(z.object({ reference })).optional(),
  }),
});

function scopeOf(provision: z.output<typeof consentShape>['provision']): { categories: string[] } | { recordIds: (string | undefined)[] } {
  if (provision.data !== undefined && provision.data.length > 0) {
    return { recordIds: provision.data.map(({ reference: value }) => (value.identifier?.system === SYSTEMS.object('record') ? value.identifier.value : undefined)) };
  }
  return { categories: (provision.class ?? []).filter((value) => value.system === SYSTEMS.dataCategory).map((value) => value.code) };
}

/** The body of POST /fhir/Consent: a Consent, read into the grant's terms and checked as POST /consents checks them. */
export const consentGrantBody = consentShape
  .transform(({ patient, provision }) => ({
    ...(patient === undefined ? {} : { patientId: stakeholderOf(patient) }),
    granteeId: stakeholderOf(provision.actor[0]?.reference),
    actions: provision.action.flatMap((action) => action.coding.map((value) => ACTION_OF_CODE[value.code] ?? value.code)),
    scope: scopeOf(provision),
    purpose: provision.purpose[0]?.code,
    ...(provision.period?.start === undefined ? {} : { validFrom: provision.period.start }),
    validUntil: provision.period?.end,
  }))
  .pipe(grantBody)
  .meta({ id: 'FhirConsentGrant', description: 'A FHIR R4 Consent naming one grantee, its actions, purpose, class or data, and period' });
