import { z } from 'zod';
import type { Role } from './roles';

/**
 * The closed list of purposes of use a grant or an access request may name, modelled on HL7 v3
 * PurposeOfUse (code system 2.16.840.1.113883.1.11.20448). A purpose is public state, readable by
 * every channel member for as long as the ledger exists, so it is a code from this list and never
 * free text: "HIV follow-up" or "oncology second opinion" would disclose a diagnosis by itself.
 * Clinical detail about why access is needed belongs in private data, not here.
 *
 * Deliberately left out: marketing (HMARKT) and the fine-grained sub-purposes (e.g. CLINTRCH,
 * HQUALIMP), which a patient-facing consent screen cannot explain; add a code here, with its
 * meaning, when a real flow needs it. Codes are never removed or renamed: grants on the ledger
 * keep the code they were given.
 */
export const PURPOSE_OF_USE = {
  TREAT: 'Treatment: care of the patient by the grantee, including dispensing and a second opinion.',
  ETREAT: 'Emergency treatment: care in an emergency (break-glass itself needs no grant; this is for planned emergency cover).',
  CAREMGT: 'Care management: coordinating the patient’s care across providers, referrals and follow-up.',
  PATRQT: 'Patient request: a disclosure the patient asks for themselves (to a provider or party of their choosing).',
  HPAYMT: 'Healthcare payment: assessing and paying claims for the patient’s care.',
  COVERAGE: 'Coverage: deciding eligibility for, or the terms of, an insurance policy or programme.',
  HOPERAT: 'Healthcare operations: quality review, audit and administration of the grantee’s service.',
  HRESCH: 'Healthcare research: research the patient has agreed to take part in.',
  PUBHLTH: 'Public health: reporting and surveillance required or permitted by public-health law.',
} as const satisfies Record<string, string>;

export type PurposeOfUse = keyof typeof PURPOSE_OF_USE;

/** The codes, in the order above (the gateway builds its request schema from this list). */
export const PURPOSES = Object.keys(PURPOSE_OF_USE) as [PurposeOfUse, ...PurposeOfUse[]];

export const purposeOfUse = z.enum(PURPOSES);

export function isPurposeOfUse(value: string): value is PurposeOfUse {
  return Object.prototype.hasOwnProperty.call(PURPOSE_OF_USE, value);
}

/**
 * The transient-map key under which a caller states the purpose of an access. It travels in the
 * transient map, like the caller's identity travels in the certificate: it qualifies every
 * access transaction rather than being one transaction's input, and it reaches the ledger in the
 * access-log entry the transaction writes.
 */
export const PURPOSE_TRANSIENT_KEY = 'purposeOfUse';

/**
 * The purpose an access is taken to state when the caller states none: each role's ordinary work.
 * A patient reads their own data for themselves; the regulator's oversight is operations.
 */
export const DEFAULT_PURPOSE_BY_ROLE = {
  patient: 'PATRQT',
  doctor: 'TREAT',
  hospital: 'TREAT',
  pharmacy: 'TREAT',
  insurer: 'HPAYMT',
  regulator: 'HOPERAT',
  admin: 'HOPERAT',
} as const satisfies Record<Role, PurposeOfUse>;
