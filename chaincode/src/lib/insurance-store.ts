import type { Context } from 'fabric-contract-api';
import {
  CURRENCY_PATTERN,
  ELIGIBILITY_SUMMARY_MAX,
  type Claim,
  type InsuranceApplication,
  type InsurancePackageVersion,
  type Policy,
  type PublishedPackage,
} from '../contract';
import type { AccessQuery } from './access-decision';
import { decideAndRecord } from './disclosures';
import { readStakeholder, type Actor } from './actors';
import { ChaincodeError } from './errors';
import { moveIndex } from './indexed-page';
import { objectKey, readObject, requireObject, requireObjectById, writeObject } from './state';
import { addSeconds, hasPassed } from './time';
import { requireObjectId, requirePattern, requirePositiveInteger, requireSha256, requireText } from './validation';
import { CLAIM_BY_INSURER_INDEX, CLAIM_BY_POLICY_INDEX, CLAIM_TYPE } from '../models/claim';
import { APPLICATION_BY_INSURER_INDEX, APPLICATION_BY_PATIENT_INDEX, APPLICATION_TYPE } from '../models/insurance-application';
import { PACKAGE_TYPE, PACKAGE_VERSION_TYPE, parseCoverage, versionKeyPart, type InsurancePackage } from '../models/insurance-package';
import { POLICY_TYPE } from '../models/policy';

/*
 * Stored insurance packages, applications, policies and claims, for the Insurance contract: keys,
 * reads, deadline and claimability checks, index parts and saves.
 */

/** Seconds in a day, for periods given in days. */
export const DAY_SECONDS = 24 * 3600;

export type PackageTerms = Pick<InsurancePackageVersion, 'termsSha256' | 'priceMinor' | 'currency' | 'coverage' | 'eligibilitySummary'>;

/** A package version's terms as the transaction arguments carry them, before any check. */
export interface TermsArguments {
  termsSha256: string;
  priceMinor: number;
  currency: string;
  coverageJson: string;
  eligibilitySummary: string;
}

export function packageTerms({ termsSha256, priceMinor, currency, coverageJson, eligibilitySummary }: TermsArguments): PackageTerms {
  requireSha256('termsSha256', termsSha256);
  requirePositiveInteger('priceMinor', priceMinor);
  requirePattern('currency', currency, CURRENCY_PATTERN, 'an ISO 4217 code such as EUR');
  return {
    termsSha256,
    priceMinor,
    currency,
    coverage: parseCoverage(coverageJson),
    eligibilitySummary: requireText('eligibilitySummary', eligibilitySummary, ELIGIBILITY_SUMMARY_MAX),
  };
}

export function packageKey(ctx: Context, packageId: string): string {
  return objectKey(ctx, PACKAGE_TYPE, [packageId]);
}

export function packageVersionKey(ctx: Context, packageId: string, version: number): string {
  return objectKey(ctx, PACKAGE_VERSION_TYPE, [packageId, versionKeyPart(version)]);
}

export function applicationKey(ctx: Context, id: string): string {
  return objectKey(ctx, APPLICATION_TYPE, [id]);
}

export function policyKey(ctx: Context, id: string): string {
  return objectKey(ctx, POLICY_TYPE, [id]);
}

export function claimKey(ctx: Context, id: string): string {
  return objectKey(ctx, CLAIM_TYPE, [id]);
}

export async function insurerIsActive(ctx: Context, insurerId: string): Promise<boolean> {
  return (await readStakeholder(ctx, insurerId))?.status === 'active';
}

/** A package exists for callers only while its insurer is verified and not suspended. */
export async function requireVisiblePackage(ctx: Context, packageId: string): Promise<InsurancePackage> {
  requireObjectId('packageId', packageId);
  const head = await readObject<InsurancePackage>(ctx, packageKey(ctx, packageId));
  if (head === undefined || !(await insurerIsActive(ctx, head.insurerId))) {
    throw new ChaincodeError('NOT_FOUND', `package ${packageId} does not exist or is not offered`);
  }
  return head;
}

export async function published(ctx: Context, head: InsurancePackage, version: number): Promise<PublishedPackage> {
  const found = await requireObject<InsurancePackageVersion>(ctx, packageVersionKey(ctx, head.id, version), `package ${head.id} version ${version}`);
  return { ...found, latestVersion: head.latestVersion };
}

export async function requireApplication(ctx: Context, applicationId: string): Promise<InsuranceApplication> {
  return requireObjectById<InsuranceApplication>(ctx, APPLICATION_TYPE, 'applicationId', applicationId, 'application');
}

export async function requirePolicy(ctx: Context, policyId: string): Promise<Policy> {
  return requireObjectById<Policy>(ctx, POLICY_TYPE, 'policyId', policyId, 'policy');
}

export async function requireClaim(ctx: Context, claimId: string): Promise<Claim> {
  return requireObjectById<Claim>(ctx, CLAIM_TYPE, 'claimId', claimId, 'claim');
}

/**
 * The read rule of applications and policies: their insurer reads them as the workflow's party;
 * anyone else needs 'view' on the patient's insurance data (or on this object), which the access
 * decision judges. Logged unless the patient reads their own (disclosures.ts).
 */
export async function requireInsurerOrInsuranceViewer(
  ctx: Context,
  actor: Actor,
  insured: { id: string; insurerId: string; patientId: string },
  resourceType: 'application' | 'policy',
): Promise<void> {
  const query: AccessQuery = { patientId: insured.patientId, action: 'view', category: 'insurance', recordId: insured.id };
  await decideAndRecord(ctx, actor, query, { type: resourceType, id: insured.id }, [insured.insurerId]);
}

export function requireBeforeDeadline(ctx: Context, application: InsuranceApplication): void {
  if (hasPassed(ctx, application.responseDeadline)) {
    throw new ChaincodeError('DEADLINE_PASSED', `application ${application.id} had to be answered by ${application.responseDeadline}`);
  }
}

/** Claims need an active policy, inside its coverage period and past any waiting period. */
export function requireClaimable(ctx: Context, policy: Policy): void {
  // Every status a policy has today is active; the check stays for statuses a later version adds.
  const status: string = policy.status;
  if (status !== 'active') {
    throw new ChaincodeError('INVALID_STATE', `policy ${policy.id} is ${status}`);
  }
  if (hasPassed(ctx, policy.coverageEnd)) {
    throw new ChaincodeError('DEADLINE_PASSED', `policy ${policy.id} covered until ${policy.coverageEnd}`);
  }
  const waitingDays = policy.coverage.waitingPeriodDays ?? 0;
  const claimsFrom = addSeconds(policy.coverageStart, waitingDays * DAY_SECONDS);
  if (waitingDays > 0 && !hasPassed(ctx, claimsFrom)) {
    throw new ChaincodeError('DEADLINE_NOT_REACHED', `policy ${policy.id} covers claims from ${claimsFrom}`);
  }
}

export function claimQuery(claim: Claim): AccessQuery {
  return { patientId: claim.patientId, action: 'view', category: 'billing', recordId: claim.id };
}

export function applicationIndexParts(application: InsuranceApplication, ownerId: string): string[] {
  return [ownerId, application.status, application.appliedAt, application.id];
}

export function claimIndexParts(claim: Claim, ownerId: string): string[] {
  return [ownerId, claim.status, claim.submittedAt, claim.id];
}

export async function saveApplication(ctx: Context, before: InsuranceApplication, after: InsuranceApplication): Promise<void> {
  await writeObject(ctx, applicationKey(ctx, after.id), after);
  await moveIndex(ctx, APPLICATION_BY_PATIENT_INDEX, applicationIndexParts(before, before.patientId), applicationIndexParts(after, after.patientId));
  await moveIndex(ctx, APPLICATION_BY_INSURER_INDEX, applicationIndexParts(before, before.insurerId), applicationIndexParts(after, after.insurerId));
}

export async function saveClaim(ctx: Context, before: Claim, after: Claim): Promise<void> {
  await writeObject(ctx, claimKey(ctx, after.id), after);
  await moveIndex(ctx, CLAIM_BY_POLICY_INDEX, claimIndexParts(before, before.policyId), claimIndexParts(after, after.policyId));
  await moveIndex(ctx, CLAIM_BY_INSURER_INDEX, claimIndexParts(before, before.insurerId), claimIndexParts(after, after.insurerId));
}

export function applicationEvent(application: InsuranceApplication): Record<string, string> {
  return {
    applicationId: application.id,
    packageId: application.packageId,
    patientId: application.patientId,
    insurerId: application.insurerId,
    status: application.status,
    at: application.updatedAt,
  };
}

export function claimEvent(claim: Claim): Record<string, string> {
  return { claimId: claim.id, policyId: claim.policyId, patientId: claim.patientId, insurerId: claim.insurerId, status: claim.status, at: claim.updatedAt };
}
