import type { components } from '../../api/generated/schema';

/**
 * The words the consent pages use for the ledger's closed lists (categories, actions, purposes).
 * Each table is checked against the generated API types, so a code the API adds or drops breaks
 * the build here instead of showing a raw code to a patient.
 */
export type Grant = components['schemas']['Consent'];
export type AccessRequest = components['schemas']['AccessRequest'];
export type GrantScope = components['schemas']['GrantScope'];
export type Category = components['schemas']['AccessLogEntry']['category'];
export type Action = Grant['actions'][number];
export type Purpose = Grant['purpose'];
export type AccessLogEntry = components['schemas']['AccessLogEntry'];
export type Delegation = components['schemas']['Delegation'];
export type DirectoryEntry = components['schemas']['DirectoryEntry'];
export type ProfessionalRole = DirectoryEntry['role'];

export const CATEGORY_LABELS = {
  lab: 'Lab results',
  imaging: 'Imaging',
  prescription: 'Prescriptions',
  appointment: 'Appointments',
  insurance: 'Insurance',
  'clinical-note': 'Clinical notes',
  billing: 'Billing and hospital services',
} as const satisfies Record<Category, string>;

export const CATEGORIES = Object.keys(CATEGORY_LABELS) as Category[];

export const ACTION_LABELS = {
  view: 'View',
  edit: 'Add and change',
} as const satisfies Record<Action, string>;

export const ACTIONS = Object.keys(ACTION_LABELS) as Action[];

/** HL7 v3 PurposeOfUse codes as the API accepts them, each with what it means for the patient. */
export const PURPOSE_LABELS = {
  TREAT: 'Treatment',
  ETREAT: 'Emergency treatment',
  CAREMGT: 'Care management (coordination, referrals, follow-up)',
  PATRQT: 'At my own request',
  HPAYMT: 'Payment of claims',
  COVERAGE: 'Insurance coverage and eligibility',
  HOPERAT: 'Healthcare operations (quality, audit, administration)',
  HRESCH: 'Research I agreed to take part in',
  PUBHLTH: 'Public health reporting',
} as const satisfies Record<Purpose, string>;

export const PURPOSES = Object.keys(PURPOSE_LABELS) as Purpose[];

export const ROLE_LABELS = {
  patient: 'Patient',
  doctor: 'Doctor',
  hospital: 'Hospital or lab',
  pharmacy: 'Pharmacy',
  insurer: 'Insurer',
  regulator: 'Regulator',
  admin: 'Administrator',
} as const satisfies Record<Grant['granteeRole'], string>;

export const PROFESSIONAL_ROLES = ['doctor', 'hospital', 'pharmacy', 'insurer'] as const satisfies readonly ProfessionalRole[];

export function isCategory(value: string): value is Category {
  return Object.prototype.hasOwnProperty.call(CATEGORY_LABELS, value);
}

export function isPurpose(value: string): value is Purpose {
  return Object.prototype.hasOwnProperty.call(PURPOSE_LABELS, value);
}

/** "Treatment (TREAT)": the meaning first, the code for whoever compares it with the ledger. */
export function purposeText(purpose: Purpose | undefined): string {
  return purpose === undefined ? 'not recorded' : `${PURPOSE_LABELS[purpose]} (${purpose})`;
}

export function actionsText(actions: readonly Action[]): string {
  return actions.map((action) => ACTION_LABELS[action].toLowerCase()).join(' and ');
}

/** A scope as words: its categories, or how many individual records it names. */
export function scopeText(scope: GrantScope): string {
  const categories = categoriesOf(scope);
  // In the menu's order, whatever order the ledger keeps them in.
  if (categories.length > 0) return CATEGORIES.filter((category) => categories.includes(category)).map((category) => CATEGORY_LABELS[category]).join(', ');
  const ids = recordIdsOf(scope);
  return ids.length === 1 ? '1 specific record' : `${ids.length} specific records`;
}

export function categoriesOf(scope: GrantScope): Category[] {
  return Array.isArray(scope.categories) ? (scope.categories as Category[]) : [];
}

export function recordIdsOf(scope: GrantScope): string[] {
  return Array.isArray(scope.recordIds) ? (scope.recordIds as string[]) : [];
}

export const CATEGORY_OPTIONS = CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }));
export const ACTION_OPTIONS = ACTIONS.map((value) => ({ value, label: ACTION_LABELS[value] }));
export const PURPOSE_OPTIONS = PURPOSES.map((value) => ({ value, label: purposeText(value) }));
