import { z } from 'zod';
import { fhirInput, inboundReference, stakeholderIn, textConcept, unmappable } from './inbound';

const quantity = z.strictObject({ value: z.number(), unit: z.string().optional(), system: z.string().optional(), code: z.string().optional() });
/** A supply duration in days: FHIR's Duration with unit days (UCUM d). */
const days = z.strictObject({ value: z.number(), unit: z.string().optional(), system: z.string().optional(), code: z.string().optional() }).refine((duration) => duration.code === 'd' || duration.unit === 'days' || duration.unit === 'd', 'must be in days (code d)');

type Dosage = { text: string; route?: { text: string }; patientInstruction?: string };

/** The one prescribed item (the REST body's items[0]): the medicine, its dose and how to take it. */
function itemOf(medicine: string, dosage: Dosage | undefined, durationDays: number | undefined) {
  return {
    medicine,
    dose: dosage?.text,
    ...(dosage?.route === undefined ? {} : { route: dosage.route.text }),
    ...(dosage?.patientInstruction === undefined ? {} : { instructions: dosage.patientInstruction }),
    ...(durationDays === undefined ? {} : { durationDays }),
  };
}

/**
 * A FHIR R4 MedicationRequest a doctor sends to prescribe (POST /fhir/MedicationRequest), as the
 * REST prescription body (POST /prescriptions), which then validates it as for REST. One
 * MedicationRequest is one prescribed medicine: the medication's text, one dosage instruction (its
 * text is the dose), the fill (dispenseRequest.quantity), the refills and the validity's end. The
 * requester, when named, is the caller (checked against it: `requesterId`).
 */
export const prescribing = fhirInput('MedicationRequest', {
  status: z.literal('active', { message: "must be 'active': a prescription is issued active" }),
  intent: z.literal('order', { message: "must be 'order'" }),
  subject: inboundReference,
  requester: inboundReference.optional(),
  medicationCodeableConcept: textConcept,
  dosageInstruction: z.array(z.strictObject({ text: z.string(), route: textConcept.optional(), patientInstruction: z.string().optional() })).length(1, 'must hold exactly one dosage instruction'),
  dispenseRequest: z.strictObject({
    quantity,
    numberOfRepeatsAllowed: z.number().optional(),
    validityPeriod: z.strictObject({ end: z.string() }),
    expectedSupplyDuration: days.optional(),
  }),
}).transform((request, context) => {
  const patient = stakeholderIn(request.subject, ['Patient']);
  if (patient === undefined) {
    return unmappable(context, ['subject'], 'must reference the Patient (Patient/id, or the stakeholder identifier)');
  }
  const requester = request.requester === undefined ? undefined : stakeholderIn(request.requester, ['Practitioner']);
  if (request.requester !== undefined && requester === undefined) {
    return unmappable(context, ['requester'], 'must reference the prescribing Practitioner');
  }
  const { quantity: fill, numberOfRepeatsAllowed, validityPeriod, expectedSupplyDuration } = request.dispenseRequest;
  return {
    prescription: {
      patientId: patient.id,
      totalQuantity: fill.value,
      refills: numberOfRepeatsAllowed ?? 0,
      validUntil: validityPeriod.end,
      items: [itemOf(request.medicationCodeableConcept.text, request.dosageInstruction[0], expectedSupplyDuration?.value)],
    },
    ...(requester === undefined ? {} : { requesterId: requester.id }),
  };
});
