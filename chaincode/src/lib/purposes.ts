import type { Context } from 'fabric-contract-api';
import { DEFAULT_PURPOSE_BY_ROLE, isPurposeOfUse, PURPOSE_TRANSIENT_KEY, PURPOSES, type PurposeOfUse, type Role } from '../contract';
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

/**
 * The purpose the caller states for this access: the transient field PURPOSE_TRANSIENT_KEY when
 * present (a purpose-of-use code, refused with INVALID_ARGUMENT otherwise), else the default for
 * the caller's role. Every endorser sees the same transient map, so every endorser decides alike.
 */
export function statedPurpose(ctx: Context, role: Role): PurposeOfUse {
  const bytes = ctx.stub.getTransient().get(PURPOSE_TRANSIENT_KEY);
  if (bytes === undefined || bytes.length === 0) {
    return DEFAULT_PURPOSE_BY_ROLE[role];
  }
  return requirePurpose(new TextDecoder().decode(bytes));
}
