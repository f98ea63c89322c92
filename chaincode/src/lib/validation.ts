import { isIsoInstant, OBJECT_ID_PATTERN, SHA256_HEX_PATTERN, STAKEHOLDER_ID_PATTERN } from '../contract';
import { ChaincodeError } from './errors';

/**
 * The chaincode's argument checks. The rules (patterns, lists, limits) are the contract surface's
 * (contract/); these apply them and refuse with INVALID_ARGUMENT and a message naming the field.
 */

/** Re-exported for importers that predate contract/ (the gateway's equality tests). */
export { OBJECT_ID_PATTERN, STAKEHOLDER_ID_PATTERN } from '../contract';

export function requireObjectId(field: string, value: string): string {
  if (!OBJECT_ID_PATTERN.test(value)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be 3-128 characters of letters, digits, '.', '_' or '-'`);
  }
  return value;
}

export function requireStakeholderId(field: string, value: string): string {
  if (!STAKEHOLDER_ID_PATTERN.test(value)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} is not a pseudonymous stakeholder ID such as "pat-4f9a1c2e"`);
  }
  return value;
}

export function requireSha256(field: string, value: string): string {
  if (!SHA256_HEX_PATTERN.test(value)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be a lowercase hex SHA-256 (64 characters)`);
  }
  return value;
}

/** An ISO-8601 UTC instant (contract/formats.ts), normalised to millisecond precision. */
export function requireInstant(field: string, value: string): string {
  if (!isIsoInstant(value)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be an ISO-8601 UTC instant such as 2026-01-31T12:00:00Z`);
  }
  return new Date(Date.parse(value)).toISOString();
}

/** A value that must match `pattern`; `rule` says what the pattern allows, for the refusal. */
export function requirePattern(field: string, value: string, pattern: RegExp, rule: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be ${rule}`);
  }
  return value;
}

export function requireOneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function requireText(field: string, value: string, maxLength: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > maxLength) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be 1-${maxLength} characters`);
  }
  return trimmed;
}

export function requirePositiveInteger(field: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be a whole number from 1 to ${max}`);
  }
  return value;
}

export function requireNonNegativeInteger(field: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be a whole number from 0 to ${max}`);
  }
  return value;
}

/**
 * Parses a JSON argument, refusing text that is not JSON. The value is unknown: the caller checks
 * its shape (an object, a list) before using it, so no unchecked type is ever claimed here.
 */
export function parseJsonArgument(field: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be valid JSON`);
  }
}

/** A JSON object (not null, not a list); `refusal` is the whole INVALID_ARGUMENT message otherwise. */
export function requireRecord(value: unknown, refusal: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChaincodeError('INVALID_ARGUMENT', refusal);
  }
  return value as Record<string, unknown>;
}

/** Refuses the first key of `record` not in `fields`, as "<where>.<key> is not a <what>". */
export function requireKnownFields(where: string, record: Record<string, unknown>, fields: ReadonlySet<string>, what: string): void {
  const unknownField = Object.keys(record).find((field) => !fields.has(field));
  if (unknownField !== undefined) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${where}.${unknownField} is not a ${what}`);
  }
}

/** A whole number within bounds, from parsed JSON (so of any type until checked). */
export function requireWholeNumber(field: string, value: unknown, bounds: { min: number; max: number }): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be a whole number from ${bounds.min} to ${bounds.max}`);
  }
  return value;
}

/** A list of distinct values, each one of `allowed`, at least one. */
export function requireSubset<T extends string>(field: string, values: unknown, allowed: readonly T[]): T[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be a non-empty list`);
  }
  const checked = values.map((value) => requireOneOf(field, String(value), allowed));
  if (new Set(checked).size !== checked.length) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must not repeat values`);
  }
  return checked.sort();
}
