import type { AccessDecision } from '../lib/access-decision';
import { ChaincodeError } from '../lib/errors';

export const PRESCRIPTION_STATUSES = ['active', 'cancelled', 'completed'] as const;
export type PrescriptionStatus = (typeof PRESCRIPTION_STATUSES)[number];

/**
 * A prescription's public state: IDs, quantities, status and timestamps. What was prescribed (the
 * items) never appears here; it lives in the private collection as a PrescriptionDetails.
 *
 * Quantities, in dispensable units (tablets, bottles...):
 * - `totalQuantity`: the units of one fill, all items together.
 * - `refills`: how many more fills are allowed after the first.
 * - `dispensableQuantity` = totalQuantity × (1 + refills): everything pharmacies may ever dispense.
 * - `remaining` = dispensableQuantity − dispensedQuantity. Only a dispense lowers it, never an order,
 *   and one order covers at most one fill (quantity ≤ totalQuantity).
 */
export interface Prescription {
  id: string;
  patientId: string;
  doctorId: string;
  totalQuantity: number;
  refills: number;
  dispensableQuantity: number;
  remaining: number;
  dispensedQuantity: number;
  dispenseCount: number;
  status: PrescriptionStatus;
  validUntil: string;
  /** Why the doctor could write it: the access decision at issue time. */
  issueBasis: AccessDecision['basis'];
  issueGrantId?: string;
  issuedAt: string;
  updatedAt: string;
  cancelledAt?: string;
  completedAt?: string;
}

/** One prescribed medicine (private data only). */
export interface PrescriptionItem {
  medicine: string;
  dose: string;
  frequency?: string;
  route?: string;
  durationDays?: number;
  instructions?: string;
}

/** The private part of a prescription, in HEALTH_COLLECTION under the same ID. */
export interface PrescriptionDetails {
  prescriptionId: string;
  patientId: string;
  items: PrescriptionItem[];
}

export const PRESCRIPTION_TYPE = 'prescription';
export const PRESCRIPTION_DETAILS_TYPE = 'prescription-details';
/** [patientId, status, issuedAt, id]: a patient's prescriptions, by status, oldest first. */
export const PRESCRIPTION_BY_PATIENT_INDEX = 'prescription~patient~status~issued';

export const MAX_PRESCRIPTION_ITEMS = 20;
export const MAX_UNITS_PER_FILL = 10_000;
export const MAX_REFILLS = 12;
/** A prescription is valid for at most a year. */
export const MAX_PRESCRIPTION_VALIDITY_SECONDS = 366 * 24 * 3600;

const ITEM_TEXT_FIELDS = { medicine: 200, dose: 200, frequency: 200, route: 100, instructions: 1000 } as const;
const ITEM_FIELDS = new Set<string>([...Object.keys(ITEM_TEXT_FIELDS), 'durationDays']);

/** Validates the transient `prescription` input: {items: [{medicine, dose, frequency?, route?, durationDays?, instructions?}]}. */
export function parsePrescriptionItems(input: object): PrescriptionItem[] {
  const items = (input as { items?: unknown }).items;
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_PRESCRIPTION_ITEMS) {
    throw new ChaincodeError('INVALID_ARGUMENT', `prescription.items must list 1-${MAX_PRESCRIPTION_ITEMS} medicines`);
  }
  return items.map((raw: unknown, index) => parseItem(raw, `prescription.items[${index}]`));
}

function parseItem(raw: unknown, where: string): PrescriptionItem {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${where} must be an object`);
  }
  const record = raw as Record<string, unknown>;
  const unknownField = Object.keys(record).find((field) => !ITEM_FIELDS.has(field));
  if (unknownField !== undefined) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${where}.${unknownField} is not a prescription item field`);
  }
  const item: Record<string, unknown> = {};
  for (const [field, maxLength] of Object.entries(ITEM_TEXT_FIELDS)) {
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
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 366) {
      throw new ChaincodeError('INVALID_ARGUMENT', `${where}.durationDays must be a whole number from 1 to 366`);
    }
    item.durationDays = days;
  }
  return item as unknown as PrescriptionItem;
}
