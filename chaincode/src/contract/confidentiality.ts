import { z } from 'zod';

/**
 * How sensitive a record is, as HL7 v3 Confidentiality codes (code system 2.16.840.1.113883.5.25).
 * The label is public state: it says that a record is sensitive, never why (a V file of a
 * patient does not say "HIV"). The codes between them decide how far a grant reaches:
 * - a category grant covers N records of its categories only;
 * - an R or V record is covered only by a grant that names it (scope.recordIds);
 * - break-glass reaches a V record only after the doctor opens that one record with a second,
 *   separate reason (Consent:openBreakGlassRecord).
 * Left out: L (low) and U (unrestricted), which would loosen nothing here, and M (moderate),
 * which a patient-facing screen cannot tell apart from N.
 */
export const CONFIDENTIALITY = {
  N: 'Normal: ordinary health data, covered by a grant for its category.',
  R: 'Restricted: sensitive data (e.g. mental health, reproductive health); only a grant that names the record covers it.',
  V: 'Very restricted: the most sensitive data (e.g. HIV, substance-use treatment under 42 CFR Part 2); only a grant that names the record covers it, and break-glass needs a second reason for it.',
} as const satisfies Record<string, string>;

export type Confidentiality = keyof typeof CONFIDENTIALITY;

/** The codes, in the order above (the gateway builds its schemas from this list). */
export const CONFIDENTIALITIES = Object.keys(CONFIDENTIALITY) as [Confidentiality, ...Confidentiality[]];

/** What a record is labelled when nobody chose a label. */
export const DEFAULT_CONFIDENTIALITY: Confidentiality = 'N';

export const confidentiality = z.enum(CONFIDENTIALITIES);

export function isConfidentiality(value: string): value is Confidentiality {
  return Object.prototype.hasOwnProperty.call(CONFIDENTIALITY, value);
}

/** Whether a category grant covers a record with this label (only N; R and V need the record named). */
export function categoryGrantReaches(label: Confidentiality): boolean {
  return label === 'N';
}
