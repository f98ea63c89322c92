import { ChaincodeError } from './errors';

/** Pseudonymous IDs: letters, digits and . _ - ; never a name or an email address. */
export const STAKEHOLDER_ID_PATTERN = /^[a-z][a-z0-9-]{1,15}-[A-Za-z0-9_-]{6,64}$/;
export const OBJECT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/;
export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;
const ISO_INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

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

/** An ISO-8601 UTC instant, normalised to millisecond precision. */
export function requireInstant(field: string, value: string): string {
  const millis = Date.parse(value);
  // Date.parse rolls impossible dates over (Feb 30 becomes Mar 2); comparing the calendar fields
  // after a round trip refuses them instead of silently recording another day.
  if (!ISO_INSTANT_PATTERN.test(value) || Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 19) !== value.slice(0, 19)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be an ISO-8601 UTC instant such as 2026-01-31T12:00:00Z`);
  }
  return new Date(millis).toISOString();
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

/** Parses a JSON argument, refusing anything that is not an object or array as expected. */
export function parseJsonArgument<T>(field: string, raw: string): T {
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be valid JSON`);
  }
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
