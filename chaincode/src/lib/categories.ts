import { ChaincodeError } from './errors';

/**
 * The data categories consent is given for. Every piece of patient data the chaincode guards
 * belongs to exactly one of them; a grant names categories (or individual record IDs).
 */
export const DATA_CATEGORIES = ['lab', 'imaging', 'prescription', 'appointment', 'insurance', 'clinical-note', 'billing'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** What a grant allows on the data in its scope. */
export const ACCESS_ACTIONS = ['view', 'edit'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export function isDataCategory(value: string): value is DataCategory {
  return (DATA_CATEGORIES as readonly string[]).includes(value);
}

export function requireCategory(field: string, value: string): DataCategory {
  if (!isDataCategory(value)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be one of ${DATA_CATEGORIES.join(', ')}`);
  }
  return value;
}

export function requireAction(field: string, value: string): AccessAction {
  if (!(ACCESS_ACTIONS as readonly string[]).includes(value)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be one of ${ACCESS_ACTIONS.join(', ')}`);
  }
  return value as AccessAction;
}
