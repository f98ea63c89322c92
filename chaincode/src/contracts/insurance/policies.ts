import type { Context } from 'fabric-contract-api';
import { ROLES, type InsuranceApplication, type InsurancePackageVersion, type Page, type Policy } from '../../contract';
import { decideAccess, type AccessQuery } from '../../lib/access-decision';
import { pagingFor, recordListRead, recordPartyList } from '../../lib/disclosures';
import { requireActor } from '../../lib/actors';
import { pageViaIndex } from '../../lib/indexed-page';
import { newObjectId } from '../../lib/ids';
import { DAY_SECONDS, packageVersionKey, policyKey, requireInsurerOrInsuranceViewer, requirePolicy } from '../../lib/insurance-store';
import { sortedCopy } from '../../lib/serialization';
import { requireObject, writeIndex, writeObject } from '../../lib/state';
import { addSeconds } from '../../lib/time';
import { requireStakeholderId } from '../../lib/validation';
import { POLICY_BY_INSURER_INDEX, POLICY_BY_PATIENT_INDEX, POLICY_TYPE } from '../../models/policy';

/* Insurance policies: issued when the insurer's answer matches an application, then read and listed. */

/**
 * Issues the policy of an application whose answer matched the locked terms and price: active,
 * covering from now for the package version's coverage period.
 */
export async function issuePolicy(ctx: Context, application: InsuranceApplication, now: string): Promise<Policy> {
  const version = await requireObject<InsurancePackageVersion>(
    ctx,
    packageVersionKey(ctx, application.packageId, application.packageVersion),
    `package ${application.packageId} version ${application.packageVersion}`,
  );
  const policy: Policy = {
    id: newObjectId(ctx, 'pol'),
    applicationId: application.id,
    packageId: application.packageId,
    packageVersion: application.packageVersion,
    insurerId: application.insurerId,
    patientId: application.patientId,
    termsSha256: application.lockedTermsSha256,
    priceMinor: application.lockedPriceMinor,
    currency: application.currency,
    coverage: version.coverage,
    status: 'active',
    coverageStart: now,
    coverageEnd: addSeconds(now, version.coverage.coveragePeriodDays * DAY_SECONDS),
    issuedAt: now,
  };
  await writeObject(ctx, policyKey(ctx, policy.id), policy);
  await writeIndex(ctx, POLICY_BY_PATIENT_INDEX, [policy.patientId, policy.issuedAt, policy.id]);
  await writeIndex(ctx, POLICY_BY_INSURER_INDEX, [policy.insurerId, policy.issuedAt, policy.id]);
  return policy;
}

export async function getPolicy(ctx: Context, policyId: string): Promise<Policy> {
  const actor = await requireActor(ctx, ROLES);
  const policy = await requirePolicy(ctx, policyId);
  await requireInsurerOrInsuranceViewer(ctx, actor, policy, 'policy');
  return sortedCopy(policy);
}

export async function listPoliciesByPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<Policy>> {
  const actor = await requireActor(ctx, ROLES);
  requireStakeholderId('patientId', patientId);
  const query: AccessQuery = { patientId, action: 'view', category: 'insurance' };
  const decision = await decideAccess(ctx, actor, query);
  const page = await pageViaIndex<Policy>(ctx, POLICY_BY_PATIENT_INDEX, [patientId], POLICY_TYPE, pageSize, bookmark, pagingFor(decision));
  await recordListRead(ctx, actor, 'policies', [{ query, decision }]);
  return sortedCopy(page);
}

export async function listPoliciesByInsurer(ctx: Context, pageSize: number, bookmark: string): Promise<Page<Policy>> {
  const insurer = await requireActor(ctx, ['insurer']);
  const page = await pageViaIndex<Policy>(ctx, POLICY_BY_INSURER_INDEX, [insurer.stakeholderId], POLICY_TYPE, pageSize, bookmark, 'logged');
  await recordPartyList(ctx, insurer, 'policies', 'insurance', page.items);
  return sortedCopy(page);
}
