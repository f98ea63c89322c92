import { z } from 'zod';
import { ledgerIdOf } from '../../fhir/ids';
import type { SearchParam } from './fhir-interactions';

/**
 * The search parameters the FHIR resources share (https://hl7.org/fhir/R4/search.html), each
 * parsed once here: `patient` as a reference (Patient/pat-… or pat-…) to the ledger ID, `status`
 * as a token of the resource's own codes, `date` and `_lastUpdated` as date comparisons. Date
 * filters apply to the ledger page the search read, so a page may hold fewer matches than _count
 * and still have a next link (as the REST lists that filter by consent).
 */

const REFERENCE_PREFIX = 'Patient/';

/** `patient`: the patient's ledger ID, from a relative reference or a bare id. */
export const patientSearchParam: SearchParam = {
  name: 'patient',
  type: 'reference',
  documentation: 'The patient: Patient/{id} or {id}',
  schema: z
    .string()
    .max(80)
    .transform((value, context) => {
      const id = value.startsWith(REFERENCE_PREFIX) ? value.slice(REFERENCE_PREFIX.length) : value;
      const ledgerId = ledgerIdOf(id);
      if (ledgerId === undefined) {
        context.addIssue({ code: 'custom', message: 'must be Patient/{id} or {id}' });
        return z.NEVER;
      }
      return ledgerId;
    })
    .optional(),
};

/** `status`: one of the resource's FHIR status codes (the token it maps the ledger status to). */
export function statusSearchParam(codes: readonly [string, ...string[]]): SearchParam {
  return { name: 'status', type: 'token', documentation: `One of: ${codes.join(', ')}`, schema: z.enum(codes).optional() };
}

type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb';
const DATE_VALUE = /^(eq|ne|gt|lt|ge|le|sa|eb)?(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?)$/;

/** One date comparison: a prefix and the instant range the given (possibly partial) date covers. */
export interface DateComparison {
  prefix: Prefix;
  from: number;
  /** Exclusive. */
  to: number;
}

/** The range one instant covers: itself (a time without a zone is UTC). */
function instantRange(date: string): { from: number; to: number } | undefined {
  const instant = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(date) ? date : `${date}Z`);
  return Number.isNaN(instant) ? undefined : { from: instant, to: instant + 1 };
}

/** The range a partial date covers: a year, a month, a day (UTC), or one instant. */
function rangeOf(date: string): { from: number; to: number } | undefined {
  const parts = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (parts === null) {
    return instantRange(date);
  }
  const [year, month, day] = [Number(parts[1]), Number(parts[2] ?? '1') - 1, Number(parts[3] ?? '1')];
  // The end is the start of the next unit of the most precise part given.
  const precision = [parts[1], parts[2], parts[3]].filter((part) => part !== undefined).length;
  const to = [Date.UTC(year + 1, 0, 1), Date.UTC(year, month + 1, 1), Date.UTC(year, month, day + 1)][precision - 1];
  const from = Date.UTC(year, month, day);
  return to === undefined || month > 11 || day > 31 ? undefined : { from, to };
}

const dateComparison = z.string().transform((value, context): DateComparison => {
  const match = DATE_VALUE.exec(value);
  const range = match?.[2] === undefined ? undefined : rangeOf(match[2]);
  if (match === null || range === undefined) {
    context.addIssue({ code: 'custom', message: 'must be a FHIR date search value such as ge2026-03-01 or 2026-03-01T10:00:00Z' });
    return z.NEVER;
  }
  return { prefix: (match[1] ?? 'eq') as Prefix, ...range };
});

/** A date parameter given once or repeated (date=ge2026-01-01&date=lt2026-02-01: both must hold). */
const dateComparisons = z.union([dateComparison.transform((one) => [one]), z.array(dateComparison).max(4)]).optional();

/** `date`: the resource's own date (an appointment's start, a consent's dateTime, an event's recorded). */
export function dateSearchParam(documentation: string): SearchParam {
  return { name: 'date', type: 'date', documentation, schema: dateComparisons };
}

/** `_lastUpdated`: the ledger's last change of the object (meta.lastUpdated). */
export const lastUpdatedSearchParam: SearchParam = { name: '_lastUpdated', type: 'date', documentation: 'When the ledger last changed it (meta.lastUpdated)', schema: dateComparisons };

/** Each prefix's test of an instant against the range its date covers ([from, to)). */
const HOLDS: Readonly<Record<Prefix, (at: number, from: number, to: number) => boolean>> = {
  eq: (at, from, to) => at >= from && at < to,
  ne: (at, from, to) => at < from || at >= to,
  gt: (at, _from, to) => at >= to,
  sa: (at, _from, to) => at >= to,
  lt: (at, from) => at < from,
  eb: (at, from) => at < from,
  ge: (at, from) => at >= from,
  le: (at, _from, to) => at < to,
};

/** Whether an instant (ISO string) satisfies every comparison; no comparisons, no filter. */
export function matchesDates(instant: string | undefined, comparisons: readonly DateComparison[] | undefined): boolean {
  if (comparisons === undefined || comparisons.length === 0) {
    return true;
  }
  if (instant === undefined) {
    return false;
  }
  const at = Date.parse(instant);
  return comparisons.every(({ prefix, from, to }) => HOLDS[prefix](at, from, to));
}
