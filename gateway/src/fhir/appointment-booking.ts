import { z } from 'zod';
import { fhirInput, inboundReference, stakeholderIn, textConcept, unmappable } from './inbound';

/** The providers an appointment is booked with: a doctor (Practitioner) or a hospital (Organization). */
const PROVIDER_TYPES = ['Practitioner', 'Organization'] as const;

const participant = z.object({ actor: inboundReference, status: z.string(), type: z.array(z.unknown()).optional(), required: z.string().optional() });

/**
 * A FHIR R4 Appointment a patient sends to book (POST /fhir/Appointment), as the REST booking
 * body (POST /appointments: providerId, startsAt, endsAt, reason), which then validates it as for
 * REST. The request is `proposed` (the provider confirms it); the patient participant, when named,
 * is the caller (a patient books for themselves: `patientId` is checked against the caller), and
 * the one other participant is the provider. The reason is the text of the one reasonCode.
 */
export const appointmentBooking = fhirInput('Appointment', {
  status: z.literal('proposed', { message: "must be 'proposed': a booking is a request the provider confirms" }),
  start: z.string(),
  end: z.string(),
  reasonCode: z.array(textConcept).length(1, 'must hold exactly one reason, as text'),
  participant: z.array(participant).min(1).max(2),
}).transform((appointment, context) => {
  const named = appointment.participant.map((entry) => ({ patient: stakeholderIn(entry.actor, ['Patient']), provider: stakeholderIn(entry.actor, PROVIDER_TYPES) }));
  const providers = named.flatMap((entry) => (entry.provider === undefined ? [] : [entry.provider.id]));
  const patients = named.flatMap((entry) => (entry.patient === undefined ? [] : [entry.patient.id]));
  const stray = named.findIndex((entry) => entry.patient === undefined && entry.provider === undefined);
  if (stray !== -1) {
    return unmappable(context, ['participant', stray, 'actor'], 'must reference the Patient, or the Practitioner or Organization booked with (Type/id, or the stakeholder identifier)');
  }
  const [providerId] = providers;
  if (providerId === undefined || providers.length > 1) {
    return unmappable(context, ['participant'], 'must name exactly one provider: a Practitioner or an Organization');
  }
  return {
    booking: { providerId, startsAt: appointment.start, endsAt: appointment.end, reason: appointment.reasonCode[0]?.text },
    ...(patients[0] === undefined ? {} : { patientId: patients[0] }),
  };
});
export type AppointmentBooking = z.output<typeof appointmentBooking>;
