import { ACCESS_ACTIONS, DATA_CATEGORIES, isAccessAction, isDataCategory, type AccessAction, type DataCategory } from '../contract';
import { ChaincodeError } from './errors';

/** The chaincode's checks of data categories and access actions (the lists are contract/categories.ts). */

/** Re-exported for importers that predate contract/. */
export { ACCESS_ACTIONS, DATA_CATEGORIES, type AccessAction, type DataCategory } from '../contract';

export function requireCategory(field: string, value: string): DataCategory {
  if (!isDataCategory(value)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be one of ${DATA_CATEGORIES.join(', ')}`);
  }
  return value;
}

export function requireAction(field: string, value: string): AccessAction {
  if (!isAccessAction(value)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be one of ${ACCESS_ACTIONS.join(', ')}`);
  }
  return value;
}
