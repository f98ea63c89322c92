import { isPurposeOfUse, PURPOSES, type PurposeOfUse } from '../contract';
import { ChaincodeError } from './errors';

/** Re-exported for importers that predate contract/ (the list and its meanings are contract/purposes.ts). */
export { PURPOSE_OF_USE, PURPOSES, type PurposeOfUse } from '../contract';

/** A purpose-of-use code from PURPOSES, exactly as listed (no trimming or case folding). */
export function requirePurpose(value: string): PurposeOfUse {
  if (typeof value !== 'string' || !isPurposeOfUse(value)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `purpose must be one of the purpose-of-use codes ${PURPOSES.join(', ')}`);
  }
  return value;
}
