import type { MedicineOrder, OrderStatus, Prescription, PrescriptionItem, PrescriptionStatus } from '@medledger/chaincode/client';
import { BUNDLE_NAMING, ledgerIdentifier, type Naming, statusExtension } from './references';
import type { CodeableConcept, Identifier, Reference, Resource } from './resources';

/**
 * Prescriptions and orders as FHIR R4 (https://hl7.org/fhir/R4/medicationrequest.html,
 * medicationdispense.html): one MedicationRequest per prescribed item, grouped by the prescription
 * (groupIdentifier), and one MedicationDispense per order sent to a pharmacy, authorized by the
 * prescription's requests. Without the items (the reader may not see them) the prescription is
 * one MedicationRequest whose medication is unknown.
 */
export interface MedicationRequest extends Resource {
  resourceType: 'MedicationRequest';
  status: 'active' | 'cancelled' | 'completed';
  intent: 'order';
  groupIdentifier: Identifier;
  medicationCodeableConcept: CodeableConcept;
  subject: Reference;
  authoredOn: string;
  requester: Reference;
  dosageInstruction?: { text: string; route?: CodeableConcept; patientInstruction?: string }[];
  dispenseRequest: { numberOfRepeatsAllowed: number; quantity: { value: number; unit: string }; validityPeriod: { end: string }; expectedSupplyDuration?: { value: number; unit: 'days' } };
}

export interface MedicationDispense extends Resource {
  resourceType: 'MedicationDispense';
  status: 'preparation' | 'in-progress' | 'cancelled' | 'declined' | 'completed';
  medicationCodeableConcept: CodeableConcept;
  subject: Reference;
  performer: { actor: Reference }[];
  authorizingPrescription: Reference[];
  quantity: { value: number; unit: string };
  whenHandedOver?: string;
}

export const REQUEST_STATUS: Record<PrescriptionStatus, MedicationRequest['status']> = { active: 'active', cancelled: 'cancelled', completed: 'completed' };
export const DISPENSE_STATUS: Record<OrderStatus, MedicationDispense['status']> = {
  placed: 'preparation',
  accepted: 'in-progress',
  rejected: 'declined',
  cancelled: 'cancelled',
  dispensed: 'completed',
  received: 'completed',
};
const UNITS = 'dispensable units';

/** The ledger keys of a prescription's requests: one per item, or the prescription alone without items. */
export function medicationRequestKeys(prescriptionId: string, items: readonly PrescriptionItem[] | null): string[] {
  return items === null ? [prescriptionId] : items.map((_item, index) => `${prescriptionId}#${String(index + 1)}`);
}

function dosageOf(item: PrescriptionItem): NonNullable<MedicationRequest['dosageInstruction']>[number] {
  return {
    text: [item.dose, item.frequency].filter((part) => part !== undefined).join(', '),
    ...(item.route === undefined ? {} : { route: { text: item.route } }),
    ...(item.instructions === undefined ? {} : { patientInstruction: item.instructions }),
  };
}

/** The prescription's MedicationRequests; `items` null when the reader may not see what was prescribed. */
export function medicationRequestsOf(prescription: Prescription, items: readonly PrescriptionItem[] | null, naming: Naming = BUNDLE_NAMING): MedicationRequest[] {
  const keys = medicationRequestKeys(prescription.id, items);
  return keys.map((key, index) => {
    const item = items?.[index];
    return {
      resourceType: 'MedicationRequest',
      id: naming.id('MedicationRequest', key),
      identifier: [ledgerIdentifier('prescription', prescription.id)],
      extension: [statusExtension(prescription.status)],
      status: REQUEST_STATUS[prescription.status],
      intent: 'order',
      groupIdentifier: ledgerIdentifier('prescription', prescription.id),
      medicationCodeableConcept: { text: item?.medicine ?? 'not disclosed' },
      subject: naming.reference('Patient', prescription.patientId),
      authoredOn: prescription.issuedAt,
      requester: naming.party(prescription.doctorId, 'Practitioner'),
      ...(item === undefined ? {} : { dosageInstruction: [dosageOf(item)] }),
      dispenseRequest: {
        numberOfRepeatsAllowed: prescription.refills,
        quantity: { value: prescription.totalQuantity, unit: UNITS },
        validityPeriod: { end: prescription.validUntil },
        ...(item?.durationDays === undefined ? {} : { expectedSupplyDuration: { value: item.durationDays, unit: 'days' } }),
      },
    };
  });
}

/** An order, authorized by its prescription's requests (`requestKeys`, from medicationRequestKeys). */
export function medicationDispenseOf(order: MedicineOrder, requestKeys: readonly string[], medicine: string, naming: Naming = BUNDLE_NAMING): MedicationDispense {
  return {
    resourceType: 'MedicationDispense',
    id: naming.id('MedicationDispense', order.id),
    identifier: [ledgerIdentifier('order', order.id)],
    extension: [statusExtension(order.status)],
    status: DISPENSE_STATUS[order.status],
    medicationCodeableConcept: { text: medicine },
    subject: naming.reference('Patient', order.patientId),
    performer: [{ actor: naming.party(order.pharmacyId, 'Organization') }],
    authorizingPrescription: requestKeys.map((key) => naming.reference('MedicationRequest', key)),
    quantity: { value: order.quantity, unit: UNITS },
    ...(order.dispensedAt === undefined ? {} : { whenHandedOver: order.dispensedAt }),
  };
}
