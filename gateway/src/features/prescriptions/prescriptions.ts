import { MAX_PRESCRIPTION_ITEMS, MAX_PRESCRIPTION_VALIDITY_SECONDS, prescription, prescriptionItem, PRESCRIPTION_STATUSES, prescriptionWithItems } from '@medledger/chaincode/client';
import { z } from 'zod';
import { DAY_SECONDS } from '../../api/durations';
import { describeFields } from '../../api/models';
import { withNonBlankTexts } from '../../api/text-schemas';
import { ledgerOperations, pathAndStatus, readBackById } from '../../api/ledger-operations';
import type { Operation } from '../../api/operation';
import { pageQuery } from '../../api/pagination';
import { instant, objectId, patientIdParams, stakeholderId } from '../../api/schemas';

/**
 * Prescriptions (Prescription contract). What was prescribed (the items) travels to the chaincode
 * in the transient map only and comes back only from the logged reads; the public prescription
 * holds IDs, quantities, status and timestamps. Schemas, enumerations and limits are the
 * chaincode's contract surface.
 */
const operations = ledgerOperations({ tag: 'Prescriptions' });

export const prescriptionIdParams = z.object({ prescriptionId: objectId });

/** A page query with the chaincode's optional status filter. */
export function statusPageQuery<const Statuses extends readonly [string, ...string[]]>(statuses: Statuses) {
  return pageQuery.extend({ status: z.enum(statuses).optional().describe('Only this status; omit for all') });
}

/** One prescribed medicine as a request carries it: the contract's item, its texts stated as not blank. */
const prescriptionItemInput = withNonBlankTexts(prescriptionItem).meta({ id: 'PrescriptionItem', description: 'One prescribed medicine (private data: transient in, logged reads out)' });

export const prescriptionModel = describeFields(prescription, {
  totalQuantity: 'Units of one fill',
  refills: 'Further fills after the first',
  dispensableQuantity: 'totalQuantity × (1 + refills)',
  remaining: 'Units still dispensable; only a dispense lowers it',
  issueBasis: 'Why the doctor could write it',
}).meta({ id: 'Prescription', description: 'Public state of a prescription; never what was prescribed' });

const prescriptionReadModel = prescriptionWithItems
  .extend({ prescription: prescriptionModel })
  .meta({ id: 'PrescriptionRead', description: 'A prescription with its items, from a consent-checked, logged read' });

export const prescriptionOperations: Operation[] = [
  operations.create({
    path: '/prescriptions',
    operationId: 'issuePrescription',
    summary: 'Issue a prescription for a patient',
    description:
      'items travel to the chaincode in the transient map only (kept in private data, never in the transaction’s arguments, never logged by the gateway). The doctor needs the patient’s active edit grant on prescriptions.',
    callers: 'active doctor with the patient’s edit grant on prescription',
    transaction: 'Prescription:issue',
    body: z
      .object({
        patientId: stakeholderId,
        totalQuantity: prescription.shape.totalQuantity.describe('Units of one fill, all items together'),
        refills: prescription.shape.refills.describe('Further fills after the first'),
        validUntil: instant.describe(`After now and at most ${MAX_PRESCRIPTION_VALIDITY_SECONDS / DAY_SECONDS} days ahead`),
        items: z.array(prescriptionItemInput).min(1).max(MAX_PRESCRIPTION_ITEMS),
      })
      .strict(),
    args: ({ body }) => ['', body.patientId, String(body.totalQuantity), String(body.refills), body.validUntil],
    transient: ({ body }) => ({ prescription: JSON.stringify({ items: body.items }) }),
    errors: [404],
    response: { description: 'The prescription (public state, without items)', schema: prescriptionModel },
    creates: readBackById('Prescription:getPrescription'),
  }),
  operations.read({
    path: '/prescriptions/{prescriptionId}',
    patientData: true,
    operationId: 'getPrescription',
    summary: 'A prescription’s public state (no items)',
    callers: 'the patient, a delegate, the issuing doctor, a grantee of view on it',
    transaction: 'Prescription:getPrescription',
    params: prescriptionIdParams,
    response: { description: 'The prescription', schema: prescriptionModel },
  }),
  operations.step({
    path: '/prescriptions/{prescriptionId}/cancellation',
    operationId: 'cancelPrescription',
    summary: 'Cancel a prescription nothing has been dispensed from',
    callers: 'the issuing doctor',
    transaction: 'Prescription:cancel',
    params: prescriptionIdParams,
    errors: [409],
    response: { description: 'The cancelled prescription', schema: prescriptionModel },
  }),
  operations.loggedRead({
    path: '/prescriptions/{prescriptionId}/reads',
    operationId: 'readPrescription',
    summary: 'Read a prescription with its items (consent-checked and written to the access log)',
    description: 'A submitted transaction, because every read of private data is checked against consent at that moment and logged; the patient sees it in the access log.',
    callers: 'the patient, a delegate, a grantee of view on it',
    transaction: 'Prescription:readPrescription',
    params: prescriptionIdParams,
    response: { description: 'The prescription and its items', schema: prescriptionReadModel },
  }),
  operations.list({
    path: '/patients/{patientId}/prescriptions',
    patientData: true,
    operationId: 'listPatientPrescriptions',
    summary: 'A patient’s prescriptions (public state), oldest first within a status',
    callers: 'the patient, a delegate, a grantee of view on prescriptions',
    transaction: 'Prescription:listPrescriptionsByPatient',
    params: patientIdParams,
    query: statusPageQuery(PRESCRIPTION_STATUSES),
    args: pathAndStatus,
    response: { description: 'A page of prescriptions', item: prescriptionModel },
  }),
];
