/**
 * Times as the person reading them lives them: in the browser's time zone and language. The
 * ledger keeps UTC ISO-8601; these only format.
 */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function formatDateTime(iso: string | undefined | null): string {
  if (iso === undefined || iso === null || iso === '') return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDate(iso: string | undefined | null): string {
  if (iso === undefined || iso === null || iso === '') return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/** The value of a datetime-local input (local wall time) as UTC ISO-8601 for the API. */
export function localInputToIso(value: string): string {
  return new Date(value).toISOString();
}

/** A UTC ISO time as a datetime-local input's value, in the browser's zone. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Whole hours from now until iso (negative when past). */
export function hoursUntil(iso: string, now = Date.now()): number {
  return Math.floor((new Date(iso).getTime() - now) / 3_600_000);
}
