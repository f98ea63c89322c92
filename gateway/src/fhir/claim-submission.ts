import { z } from 'zod';
import { fhirInput, inboundReference, objectIn, stakeholderIn, unmappable } from './inbound';
import { INVOICE_SHA256_SYSTEM } from './insurance';

/** What the ledger keeps no value of (a claim's kind, priority and creation time are its own), taken as any code. */
const anyConcept = z.object({ coding: z.array(z.unknown()).optional(), text: z.string().optional() });

/** FHIR Money in a two-decimal currency: whole minor units (cents), as the ledger counts. */
const money = z.strictObject({ value: z.number().positive(), currency: z.string() }).refine((total) => Number.isSafeInteger(Math.round(total.value * 100)) && Math.abs(total.value * 100 - Math.round(total.value * 100)) < 1e-6, {
  message: 'must be a whole number of cents',
});

/**
 * A FHIR R4 Claim sent to submit a claim (POST /fhir/Claim), as the REST claim body
 * (POST /insurance/claims: policyId, invoiceSha256, amountMinor, details), which then validates it
 * as for REST. The one focal insurance is the policy's Coverage; the invoice's SHA-256 is an
 * identifier; the details (what was treated, kept private) are the one supportingInfo's text; the
 * total is the amount. The patient, the provider (the caller) and the currency are checked against
 * the policy before anything is written (`expected`).
 */
export const claimSubmission = fhirInput('Claim', {
  status: z.literal('active', { message: "must be 'active'" }),
  use: z.literal('claim', { message: "must be 'claim': preauthorizations and predeterminations are not kept" }),
  type: anyConcept,
  priority: anyConcept.optional(),
  created: z.string().optional(),
  patient: inboundReference,
  provider: inboundReference,
  identifier: z.array(z.object({ system: z.string().optional(), value: z.string() })).min(1),
  insurance: z.array(z.strictObject({ sequence: z.number(), focal: z.literal(true), coverage: inboundReference })).length(1, 'must hold exactly one insurance: the policy'),
  supportingInfo: z.array(z.strictObject({ sequence: z.number(), category: anyConcept, valueString: z.string() })).length(1, 'must hold exactly one supportingInfo: the details, as valueString'),
  total: money,
}).transform((claim, context) => {
  const patient = stakeholderIn(claim.patient, ['Patient']);
  const provider = stakeholderIn(claim.provider, ['Practitioner', 'Organization', 'Patient']);
  const policyId = claim.insurance[0] === undefined ? undefined : objectIn(claim.insurance[0].coverage, 'Coverage');
  const invoice = claim.identifier.find((identifier) => identifier.system === INVOICE_SHA256_SYSTEM);
  if (patient === undefined || provider === undefined) {
    return unmappable(context, [patient === undefined ? 'patient' : 'provider'], 'must reference a stakeholder (Type/id, or the stakeholder identifier)');
  }
  if (policyId === undefined) {
    return unmappable(context, ['insurance', 0, 'coverage'], 'must reference the policy’s Coverage (Coverage/id)');
  }
  if (invoice === undefined) {
    return unmappable(context, ['identifier'], `must hold the invoice’s SHA-256 (system ${INVOICE_SHA256_SYSTEM})`);
  }
  return {
    submission: { policyId, invoiceSha256: invoice.value, amountMinor: Math.round(claim.total.value * 100), details: claim.supportingInfo[0]?.valueString },
    expected: { patientId: patient.id, providerId: provider.id, currency: claim.total.currency },
  };
});
