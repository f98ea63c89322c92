import { Property } from 'fabric-contract-api';
import {
  MAX_ITEM_DURATION_DAYS,
  MAX_PRESCRIPTION_ITEMS,
  PRESCRIPTION_ITEM_TEXT_MAX,
  type AccessBasis,
  type Prescription as PrescriptionShape,
  type PrescriptionItem as PrescriptionItemShape,
  type PrescriptionStatus,
} from '../contract';
import { ChaincodeError } from '../lib/errors';
import { Model, Optional } from '../lib/object-metadata';

export type { Prescription, PrescriptionItem, PrescriptionStatus } from '../contract';
/** Re-exported under their former place for importers that predate contract/. */
export { MAX_PRESCRIPTION_ITEMS, MAX_REFILLS, MAX_UNITS_PER_FILL, PRESCRIPTION_STATUSES } from '../contract';

/**
 * A prescription's public state (contract/prescriptions.ts): IDs, quantities, status and
 * timestamps. What was prescribed (the items) never appears here; it lives in the private
 * collection as a PrescriptionDetails.
 */
@Model()
class Prescription implements PrescriptionShape {
  @Property('id', 'string') id!: string;
  @Property('patientId', 'string') patientId!: string;
  @Property('doctorId', 'string') doctorId!: string;
  @Property('totalQuantity', 'number') totalQuantity!: number;
  @Property('refills', 'number') refills!: number;
  @Property('dispensableQuantity', 'number') dispensableQuantity!: number;
  @Property('remaining', 'number') remaining!: number;
  @Property('dispensedQuantity', 'number') dispensedQuantity!: number;
  @Property('dispenseCount', 'number') dispenseCount!: number;
  @Property('status', 'string') status!: PrescriptionStatus;
  @Property('validUntil', 'string') validUntil!: string;
  @Property('issueBasis', 'string') issueBasis!: AccessBasis;
  @Optional() @Property('issueGrantId', 'string') issueGrantId?: string;
  @Property('issuedAt', 'string') issuedAt!: string;
  @Property('updatedAt', 'string') updatedAt!: string;
  @Optional() @Property('cancelledAt', 'string') cancelledAt?: string;
  @Optional() @Property('completedAt', 'string') completedAt?: string;
}

@Model()
class PrescriptionPage {
  @Property('items', 'Prescription[]') items!: Prescription[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** One prescribed medicine (private data only). */
@Model()
class PrescriptionItem implements PrescriptionItemShape {
  @Property('medicine', 'string') medicine!: string;
  @Property('dose', 'string') dose!: string;
  @Optional() @Property('frequency', 'string') frequency?: string;
  @Optional() @Property('route', 'string') route?: string;
  @Optional() @Property('durationDays', 'number') durationDays?: number;
  @Optional() @Property('instructions', 'string') instructions?: string;
}

/** Prescription:readPrescription: the public state with what was prescribed. */
@Model()
class PrescriptionWithItems {
  @Property('prescription', 'Prescription') prescription!: Prescription;
  @Property('items', 'PrescriptionItem[]') items!: PrescriptionItem[];
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { Prescription as PrescriptionObject, PrescriptionPage as PrescriptionPageObject, PrescriptionItem as PrescriptionItemObject, PrescriptionWithItems as PrescriptionWithItemsObject };

/** The private part of a prescription, in HEALTH_COLLECTION under the same ID. */
export interface PrescriptionDetails {
  prescriptionId: string;
  patientId: string;
  items: PrescriptionItemShape[];
}

export const PRESCRIPTION_TYPE = 'prescription';
export const PRESCRIPTION_DETAILS_TYPE = 'prescription-details';
/** [patientId, status, issuedAt, id]: a patient's prescriptions, by status, oldest first. */
export const PRESCRIPTION_BY_PATIENT_INDEX = 'prescription~patient~status~issued';

const ITEM_FIELDS = new Set<string>([...Object.keys(PRESCRIPTION_ITEM_TEXT_MAX), 'durationDays']);

/** Validates the transient `prescription` input: {items: [{medicine, dose, frequency?, route?, durationDays?, instructions?}]}. */
export function parsePrescriptionItems(input: object): PrescriptionItemShape[] {
  const items = (input as { items?: unknown }).items;
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_PRESCRIPTION_ITEMS) {
    throw new ChaincodeError('INVALID_ARGUMENT', `prescription.items must list 1-${MAX_PRESCRIPTION_ITEMS} medicines`);
  }
  return items.map((raw: unknown, index) => parseItem(raw, `prescription.items[${index}]`));
}

function parseItem(raw: unknown, where: string): PrescriptionItemShape {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${where} must be an object`);
  }
  const record = raw as Record<string, unknown>;
  const unknownField = Object.keys(record).find((field) => !ITEM_FIELDS.has(field));
  if (unknownField !== undefined) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${where}.${unknownField} is not a prescription item field`);
  }
  const item: Record<string, unknown> = {};
  for (const [field, maxLength] of Object.entries(PRESCRIPTION_ITEM_TEXT_MAX)) {
    const value = record[field];
    const required = field === 'medicine' || field === 'dose';
    if (value === undefined && !required) {
      continue;
    }
    if (typeof value !== 'string' || value.trim().length === 0 || value.trim().length > maxLength) {
      throw new ChaincodeError('INVALID_ARGUMENT', `${where}.${field} must be 1-${maxLength} characters`);
    }
    item[field] = value.trim();
  }
  if (record.durationDays !== undefined) {
    const days = record.durationDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_ITEM_DURATION_DAYS) {
      throw new ChaincodeError('INVALID_ARGUMENT', `${where}.durationDays must be a whole number from 1 to ${MAX_ITEM_DURATION_DAYS}`);
    }
    item.durationDays = days;
  }
  return item as unknown as PrescriptionItemShape;
}
