import { z } from 'zod';

/** Formats of times and media on the ledger. */

/** An ISO-8601 UTC instant with at most millisecond precision, e.g. 2026-01-31T12:00:00Z. */
export const ISO_INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
/** A UTC calendar day, e.g. 2026-03-01. */
export const UTC_DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A MIME type such as application/pdf or image/dicom (lowercase, no parameters). */
export const MEDIA_TYPE_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

/**
 * True when `value` has the instant format and names a real moment. Date.parse rolls impossible
 * dates over (Feb 30 becomes Mar 2); comparing the calendar fields after a round trip refuses
 * them instead of silently recording another day.
 */
export function isIsoInstant(value: string): boolean {
  const millis = Date.parse(value);
  return ISO_INSTANT_PATTERN.test(value) && !Number.isNaN(millis) && new Date(millis).toISOString().slice(0, 19) === value.slice(0, 19);
}

/** True when `value` is a real UTC calendar day. */
export function isUtcDay(value: string): boolean {
  const millis = Date.parse(`${value}T00:00:00Z`);
  return UTC_DAY_PATTERN.test(value) && !Number.isNaN(millis) && new Date(millis).toISOString().slice(0, 10) === value;
}

const INSTANT_MESSAGE = 'must be an ISO-8601 UTC instant such as 2026-01-31T12:00:00Z';

// A JSON Schema cannot run a refinement; its `format` states the same calendar rule, so the pattern
// and the format together say exactly what is accepted (the gateway's OpenAPI is generated from these).
export const instant = z
  .string()
  .regex(ISO_INSTANT_PATTERN, INSTANT_MESSAGE)
  .refine(isIsoInstant, INSTANT_MESSAGE)
  .meta({ format: 'date-time', description: 'ISO-8601 UTC instant, e.g. 2026-01-31T12:00:00Z' });
export const utcDay = z.string().regex(UTC_DAY_PATTERN).refine(isUtcDay, 'must be a UTC date such as 2026-03-01').meta({ format: 'date' });
export const mediaType = z.string().regex(MEDIA_TYPE_PATTERN, 'must be a lowercase MIME type such as application/pdf');
