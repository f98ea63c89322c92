import type { components } from '../api/generated/schema';

/** The insurance shapes as the gateway's OpenAPI names them (generated, so a renamed field breaks the build). */
export type InsurancePackage = components['schemas']['InsurancePackage'];
export type InsurancePackageVersion = components['schemas']['InsurancePackageVersion'];
export type InsuranceApplication = components['schemas']['InsuranceApplication'];
export type InsurancePolicy = components['schemas']['InsurancePolicy'];
export type InsuranceClaim = components['schemas']['InsuranceClaim'];
export type Coverage = components['schemas']['Coverage'];
export type CoverageCategory = Coverage['categories'][number];
export type ApplicationStatus = InsuranceApplication['status'];
export type ClaimStatus = InsuranceClaim['status'];
export type ClaimDecision = NonNullable<InsuranceClaim['decision']>;

/**
 * What each coverage category is called on screen. A Record over the API's own enumeration: a
 * category the API adds or renames fails the build here instead of showing a raw code.
 */
export const COVERAGE_CATEGORY_LABELS: Readonly<Record<CoverageCategory, string>> = {
  consultation: 'Consultations',
  dental: 'Dental',
  emergency: 'Emergency care',
  'hospital-stay': 'Hospital stays',
  imaging: 'Imaging',
  lab: 'Laboratory tests',
  maternity: 'Maternity',
  prescription: 'Prescriptions',
  surgery: 'Surgery',
  vision: 'Vision',
};
export const COVERAGE_CATEGORIES = Object.keys(COVERAGE_CATEGORY_LABELS) as CoverageCategory[];

export const APPLICATION_STATUS_LABELS: Readonly<Record<ApplicationStatus, { label: string; tone: 'neutral' | 'good' | 'warn' | 'danger' }>> = {
  pending: { label: 'Waiting for the insurer', tone: 'warn' },
  approved: { label: 'Approved: policy issued', tone: 'good' },
  rejected: { label: 'Rejected: the offer differed', tone: 'danger' },
  declined: { label: 'Declined', tone: 'danger' },
  withdrawn: { label: 'Withdrawn', tone: 'neutral' },
};

export const CLAIM_STATUS_LABELS: Readonly<Record<ClaimStatus, { label: string; tone: 'neutral' | 'good' | 'warn' | 'danger' }>> = {
  submitted: { label: 'Submitted', tone: 'warn' },
  approved: { label: 'Approved', tone: 'good' },
  'partially-approved': { label: 'Partially approved', tone: 'good' },
  denied: { label: 'Denied', tone: 'danger' },
  paid: { label: 'Paid', tone: 'good' },
};
export const CLAIM_STATUSES = Object.keys(CLAIM_STATUS_LABELS) as ClaimStatus[];
export const APPLICATION_STATUSES = Object.keys(APPLICATION_STATUS_LABELS) as ApplicationStatus[];

export const CLAIM_DECISION_LABELS: Readonly<Record<ClaimDecision, string>> = {
  approved: 'Approve the full amount',
  'partially-approved': 'Approve part of it',
  denied: 'Deny',
};

/** A long hash shortened for a table cell; the full value stays in the title and for copying. */
export function shortHash(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
