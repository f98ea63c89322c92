import {
  MAX_ITEM_DURATION_DAYS,
  MAX_PRESCRIPTION_ITEMS,
  PRESCRIPTION_ITEM_TEXT_MAX,
  type PrescriptionItem as PrescriptionItemShape,
} from '../contract';
import { ChaincodeError } from '../lib/errors';

export type { Prescription, PrescriptionItem, PrescriptionStatus } from '../contract';
/** Re-exported under their former place for importers that predate contract/. */
export { MAX_PRESCRIPTION_ITEMS, MAX_REFILLS, MAX_UNITS_PER_FILL, PRESCRIPTION_STATUSES } from '../contract';

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
