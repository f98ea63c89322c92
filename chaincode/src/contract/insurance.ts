import { z } from 'zod';
import { instant } from './formats';
import { objectId, sha256Hex, stakeholderId, txId } from './identifiers';
import { CLAIM_DETAILS_MAX, COVERAGE_LIMITS, ELIGIBILITY_SUMMARY_MAX } from './limits';
import { ordinal, pageOf } from './pages';
import { claimPaymentRef, currency, minorAmount } from './payments';
import { role } from './roles';
import { applicationMismatch, applicationStatus, claimDecision, claimStatus, policyStatus } from './statuses';

/**
 * Insurance: packages published as immutable versions, applications that lock the accepted terms
 * hash and price, policies issued when the insurer's answer repeats both, and claims whose
 * clinical details stay in the private collection.
 */

/** What a package can cover: kinds of service, never anything about a person. */
export const COVERAGE_CATEGORIES = [
  'consultation',
  'dental',
  'emergency',
  'hospital-stay',
  'imaging',
  'lab',
  'maternity',
  'prescription',
  'surgery',
  'vision',
] as const;
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number];
export const coverageCategory = z.enum(COVERAGE_CATEGORIES);

const whole = (bounds: { min: number; max: number }) => z.number().int().min(bounds.min).max(bounds.max);
const coverageShape = {
  categories: z.array(coverageCategory).min(1).max(COVERAGE_CATEGORIES.length),
  /** Yearly payout limit in minor currency units. */
  annualLimitMinor: minorAmount,
  /** How long a policy issued from this package runs. */
  coveragePeriodDays: whole(COVERAGE_LIMITS.coveragePeriodDays),
  /** The holder's share of each claim, in percent. */
  copayPercent: whole(COVERAGE_LIMITS.copayPercent).optional(),
  /** Days after the policy starts before claims are covered. */
  waitingPeriodDays: whole(COVERAGE_LIMITS.waitingPeriodDays).optional(),
};

/** Structured coverage terms as published: only these fields, so free text (and with it anyone's health data) cannot slip in. */
export const coverage = z.object(coverageShape);
export type Coverage = z.infer<typeof coverage>;
/** The coverageJson argument of publishPackage: as `coverage`, the period optional (DEFAULT_COVERAGE_PERIOD_DAYS), no other field. */
export const coverageTerms = z.strictObject({ ...coverageShape, coveragePeriodDays: coverageShape.coveragePeriodDays.optional() });

/** One immutable published version of a package. */
export const insurancePackageVersion = z.object({
  packageId: objectId,
  version: ordinal,
  insurerId: stakeholderId,
  /** SHA-256 of the full terms document kept off chain. */
  termsSha256: sha256Hex,
  priceMinor: minorAmount,
  currency,
  coverage,
  eligibilitySummary: z.string().min(1).max(ELIGIBILITY_SUMMARY_MAX),
  publishedAt: instant,
  txId,
});
export type InsurancePackageVersion = z.infer<typeof insurancePackageVersion>;
export const insurancePackageVersionPage = pageOf(insurancePackageVersion);

/** A version together with its package's latest version number, as package reads return it. */
export const publishedPackage = insurancePackageVersion.extend({ latestVersion: ordinal });
export type PublishedPackage = z.infer<typeof publishedPackage>;
export const publishedPackagePage = pageOf(publishedPackage);

/**
 * A patient's application for one package version. Applying locks the terms hash the patient
 * accepted and that version's price; the insurer's answer must repeat both to produce a policy.
 */
export const insuranceApplication = z.object({
  id: objectId,
  packageId: objectId,
  packageVersion: ordinal,
  insurerId: stakeholderId,
  patientId: stakeholderId,
  lockedTermsSha256: sha256Hex,
  lockedPriceMinor: minorAmount,
  currency,
  responseDeadline: instant,
  status: applicationStatus,
  appliedAt: instant,
  updatedAt: instant,
  respondedAt: instant.optional(),
  /** The insurer's answer, recorded also when it mismatched. */
  offeredTermsSha256: sha256Hex.optional(),
  offeredPriceMinor: minorAmount.optional(),
  mismatches: z.array(applicationMismatch).optional(),
  policyId: objectId.optional(),
  recommendedPackageId: objectId.optional(),
  declinedAt: instant.optional(),
  withdrawnAt: instant.optional(),
  /**
   * The grant applying created when the patient shared records with the application: the insurer
   * may view those records (purpose COVERAGE) until the application is decided or withdrawn.
   */
  workflowGrantId: objectId.optional(),
});
export type InsuranceApplication = z.infer<typeof insuranceApplication>;
export const insuranceApplicationPage = pageOf(insuranceApplication);

/** An insurance policy, issued when an insurer's answer matched the locked application terms. */
export const policy = z.object({
  id: objectId,
  applicationId: objectId,
  packageId: objectId,
  packageVersion: ordinal,
  insurerId: stakeholderId,
  patientId: stakeholderId,
  termsSha256: sha256Hex,
  priceMinor: minorAmount,
  currency,
  coverage,
  status: policyStatus,
  /** Coverage runs from coverageStart (inclusive) to coverageEnd (exclusive). */
  coverageStart: instant,
  coverageEnd: instant,
  issuedAt: instant,
});
export type Policy = z.infer<typeof policy>;
export const policyPage = pageOf(policy);

/** Insurance:respond: the answered application and, when the answer matched, the policy issued. */
export const applicationResponse = z.object({ application: insuranceApplication, policy: policy.optional() });
export type ApplicationResponse = z.infer<typeof applicationResponse>;

/** A claim against a policy. Public state: IDs, the invoice's SHA-256, amounts, status, timestamps. */
export const claim = z.object({
  id: objectId,
  policyId: objectId,
  patientId: stakeholderId,
  insurerId: stakeholderId,
  submittedBy: stakeholderId,
  submitterRole: role,
  invoiceSha256: sha256Hex,
  amountMinor: minorAmount,
  currency,
  status: claimStatus,
  submittedAt: instant,
  updatedAt: instant,
  /** Set when the hospital submitted under the patient's billing grant. */
  submitGrantId: objectId.optional(),
  /**
   * The grant submitting created: the insurer may view this claim's details (purpose HPAYMT) until
   * the claim is denied or paid, or the patient revokes it.
   */
  workflowGrantId: objectId.optional(),
  decision: claimDecision.optional(),
  approvedAmountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  decidedAt: instant.optional(),
  paymentRef: claimPaymentRef.optional(),
  paidAt: instant.optional(),
});
export type Claim = z.infer<typeof claim>;
export const claimPage = pageOf(claim);

/** What a claim is for (private data), as the transient field `claim` carries it. */
export const claimDetailsText = z.string().trim().min(1).max(CLAIM_DETAILS_MAX);

/** Insurance:readClaim, a logged read: the claim with its private details. */
export const claimWithDetails = z.object({ claim, details: claimDetailsText });
export type ClaimWithDetails = z.infer<typeof claimWithDetails>;
