import { z } from 'zod';

/**
 * The data categories consent is given for. Every piece of patient data the chaincode guards
 * belongs to exactly one of them; a grant names categories (or individual record IDs).
 */
export const DATA_CATEGORIES = ['lab', 'imaging', 'prescription', 'appointment', 'insurance', 'clinical-note', 'billing'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** What a grant allows on the data in its scope. */
export const ACCESS_ACTIONS = ['view', 'edit'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/**
 * Why a caller was let in: own data, a delegation, a grant, emergency access, or 'party': the
 * caller is a counterparty of the workflow the data belongs to (the appointment's provider, the
 * order's pharmacy, the claim's insurer, the prescribing doctor) and needs no grant to read it.
 * Party reads are logged like the others, so the patient's accounting of disclosures is complete.
 */
export const ACCESS_BASES = ['owner', 'delegate', 'grant', 'break-glass', 'party'] as const;
export type AccessBasis = (typeof ACCESS_BASES)[number];

export const dataCategory = z.enum(DATA_CATEGORIES);
export const accessAction = z.enum(ACCESS_ACTIONS);
export const accessBasis = z.enum(ACCESS_BASES);

export function isDataCategory(value: string): value is DataCategory {
  return (DATA_CATEGORIES as readonly string[]).includes(value);
}

export function isAccessAction(value: string): value is AccessAction {
  return (ACCESS_ACTIONS as readonly string[]).includes(value);
}
