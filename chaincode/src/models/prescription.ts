import {
  MAX_ITEM_DURATION_DAYS,
  MAX_PRESCRIPTION_ITEMS,
  PRESCRIPTION_ITEM_TEXT_MAX,
  type PrescriptionItem as PrescriptionItemShape,
} from '../contract';
import { ChaincodeError } from '../lib/errors';
import { requireKnownFields, requireRecord, requireWholeNumber } from '../lib/validation';

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

/** The text fields an item must have; the others of PRESCRIPTION_ITEM_TEXT_MAX may be left out. */
const REQUIRED_ITEM_FIELDS = new Set<string>(['medicine', 'dose']);

function parseItem(raw: unknown, where: string): PrescriptionItemShape {
  const record = requireRecord(raw, `${where} must be an object`);
  requireKnownFields(where, record, ITEM_FIELDS, 'prescription item field');
  const item: Record<string, unknown> = {};
  for (const [field, maxLength] of Object.entries(PRESCRIPTION_ITEM_TEXT_MAX)) {
    const value = record[field];
    if (value !== undefined || REQUIRED_ITEM_FIELDS.has(field)) {
      item[field] = itemText(`${where}.${field}`, value, maxLength);
    }
  }
  if (record.durationDays !== undefined) {
    item.durationDays = requireWholeNumber(`${where}.durationDays`, record.durationDays, { min: 1, max: MAX_ITEM_DURATION_DAYS });
  }
  return item as unknown as PrescriptionItemShape;
}

function itemText(field: string, value: unknown, maxLength: number): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length === 0 || trimmed.length > maxLength) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be 1-${maxLength} characters`);
  }
  return trimmed;
}
