import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from './errors';

/**
 * The one private data collection (network/config/collections.json). Clinical details live here,
 * written from transient input so they never appear in a transaction's arguments on the ledger.
 */
export const HEALTH_COLLECTION = 'healthRecords';

/** Reads a JSON object from the transient map; clinical input must arrive this way. */
export function requireTransientJson(ctx: Context, field: string): Record<string, unknown> {
  const bytes = ctx.stub.getTransient().get(field);
  if (bytes === undefined || bytes.length === 0) {
    throw new ChaincodeError('INVALID_ARGUMENT', `transient field "${field}" is required (clinical details never go in arguments)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ChaincodeError('INVALID_ARGUMENT', `transient field "${field}" must be JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `transient field "${field}" must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
