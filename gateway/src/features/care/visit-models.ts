import { z } from 'zod';
import { category } from '../../api/schemas';

/**
 * Response models of appointments, hospital services and medical-file records: what the chaincode
 * returns, as documented and as checked before sending (fields not listed are not sent). The
 * status lists mirror chaincode/src/models (appointment.ts, service-request.ts, amendment.ts),
 * which the package does not export; visits-story.test.ts keeps them equal (AmendmentStatus is
 * only a type there).
 */
export const APPOINTMENT_STATUSES = ['requested', 'proposed', 'confirmed', 'declined', 'cancelled', 'completed'] as const;
export const SERVICE_STATUSES = ['requested', 'quoted', 'accepted', 'paid', 'confirmed', 'reported', 'cancelled'] as const;
export const PAYMENT_METHODS = ['online', 'cash'] as const;
export const AMENDMENT_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'erased'] as const;

const text = z.string();
const at = z.string().describe('ISO-8601 UTC instant');
const basis = z.enum(['owner', 'delegate', 'grant', 'break-glass']).describe('Why the chaincode allowed the read (it is in the access log)');

export const appointmentModel = z
  .object({
    id: text,
    patientId: text,
    providerId: text,
    providerRole: z.enum(['doctor', 'hospital']),
    startsAt: at,
    endsAt: at,
    status: z.enum(APPOINTMENT_STATUSES),
    proposedStartsAt: at.optional().describe("The provider's counter-proposal while status is proposed"),
    proposedEndsAt: at.optional(),
    cancelledBy: text.optional(),
    createdAt: at,
    updatedAt: at,
  })
  .meta({ id: 'Appointment', description: 'The public record; the reason for the visit is private (POST /appointments/{appointmentId}/detail-reads)' });

export const appointmentDetailsModel = z
  .object({
    appointment: appointmentModel,
    details: z.object({ reason: text }).nullable().describe('Private; null when the private data is gone'),
    basis,
  })
  .meta({ id: 'AppointmentWithDetails' });

export const serviceRequestModel = z
  .object({
    id: text,
    patientId: text,
    hospitalId: text,
    serviceCode: text.describe("The hospital's catalogue code"),
    status: z.enum(SERVICE_STATUSES),
    requestedAt: at,
    quoteBy: at.describe('The hospital quotes by then, or the patient may cancel'),
    priceMinor: z.number().int().optional().describe('Quoted price in minor units (cents)'),
    currency: text.optional().describe('ISO 4217'),
    quotedAt: at.optional(),
    acceptBy: at.optional().describe("The quote's validUntil: the price is locked until then"),
    acceptedAt: at.optional(),
    payBy: at.optional(),
    paymentMethod: z.enum(PAYMENT_METHODS).optional(),
    paymentRef: text.optional(),
    paidAt: at.optional(),
    confirmBy: at.optional(),
    confirmedAt: at.optional(),
    reportBy: at.optional(),
    reportFileId: text.optional().describe('The medical file holding the report (GET /files/{fileId})'),
    reportedAt: at.optional(),
    cancelledBy: text.optional(),
    cancelledAt: at.optional(),
    updatedAt: at,
  })
  .meta({ id: 'HospitalService', description: 'A request for a hospital service from estimate to report; the free-text details are private' });

export const serviceRequestDetailsModel = z
  .object({
    request: serviceRequestModel,
    details: z.object({ details: text }).nullable().describe('Private; null when the private data is gone'),
    basis,
  })
  .meta({ id: 'HospitalServiceWithDetails' });

export const fileHeadModel = z
  .object({
    fileId: text,
    patientId: text,
    category,
    latestVersion: z.number().int(),
    status: z.enum(['active', 'erased']),
    patientAuthored: z.boolean().describe('While true the patient side may add versions; otherwise it proposes amendments'),
    createdAt: at,
    updatedAt: at,
    erasedAt: at.optional(),
  })
  .meta({ id: 'MedicalFile' });

export const fileVersionModel = z
  .object({
    fileId: text,
    version: z.number().int(),
    patientId: text,
    category,
    status: z.enum(['active', 'erased']),
    uploaderId: text,
    previousVersion: z.number().int().optional(),
    amendmentId: text.optional(),
    approvedBy: text.optional(),
    createdAt: at,
    ciphertextSha256: text,
    contentSha256: text.optional().describe('Absent once erased'),
    sizeBytes: z.number().int().optional(),
    mediaType: text.optional(),
    storageRef: text.optional(),
    clientEncrypted: z.boolean().optional(),
    erasedAt: at.optional(),
  })
  .meta({ id: 'MedicalFileVersion', description: 'One immutable version (metadata only; the content is GET /files/{fileId}/content)' });

export const fileViewModel = z.object({ file: fileHeadModel, latest: fileVersionModel }).meta({ id: 'MedicalFileView' });

export const amendmentModel = z
  .object({
    id: text,
    fileId: text,
    patientId: text,
    category,
    baseVersion: z.number().int().describe('The version it corrects; approval needs the file still at it'),
    status: z.enum(AMENDMENT_STATUSES),
    proposedBy: text,
    proposedAt: at,
    decidedBy: text.optional(),
    decidedAt: at.optional(),
    resultingVersion: z.number().int().optional(),
    contentSha256: text.optional(),
    ciphertextSha256: text.optional(),
    sizeBytes: z.number().int().optional(),
    mediaType: text.optional(),
    storageRef: text.optional(),
    statusBeforeErasure: text.optional(),
    erasedAt: at.optional(),
    updatedAt: at,
  })
  .meta({ id: 'Amendment', description: "A patient's proposed correction of a file; the reason is private" });

export const amendmentApprovalModel = z
  .object({ amendment: amendmentModel, file: fileHeadModel, latest: fileVersionModel })
  .meta({ id: 'AmendmentApproval' });
