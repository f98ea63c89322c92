import type { Context } from 'fabric-contract-api';
import { ROLES, type InsurancePackageVersion, type Page, type PublishedPackage } from '../../contract';
import { requireActor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { insurerIsActive, packageKey, type PackageTerms, packageTerms, type TermsArguments, packageVersionKey, published, requireVisiblePackage } from '../../lib/insurance-store';
import { pageOfObjects } from '../../lib/paging';
import { sortedCopy } from '../../lib/serialization';
import { readObject, requireObject, writeObject } from '../../lib/state';
import { txTimeIso } from '../../lib/time';
import { requireObjectId, requirePositiveInteger } from '../../lib/validation';
import { PACKAGE_TYPE, PACKAGE_VERSION_TYPE, type InsurancePackage } from '../../models/insurance-package';

/* Insurance packages: an insurer publishes immutable versions; callers see those of active insurers. */

export async function publishPackage(ctx: Context, packageId: string, termsArguments: TermsArguments): Promise<PublishedPackage> {
  const insurer = await requireActor(ctx, ['insurer']);
  const id = requireObjectId('packageId', packageId);
  const terms = packageTerms(termsArguments);
  if ((await readObject(ctx, packageKey(ctx, id))) !== undefined) {
    throw new ChaincodeError('ALREADY_EXISTS', `package ${id} already exists; publish a new version instead`);
  }
  const now = txTimeIso(ctx);
  const head: InsurancePackage = { id, insurerId: insurer.stakeholderId, latestVersion: 1, createdAt: now, updatedAt: now };
  return publish(ctx, head, terms, 'publishPackage');
}

export async function publishPackageVersion(ctx: Context, packageId: string, termsArguments: TermsArguments): Promise<PublishedPackage> {
  const insurer = await requireActor(ctx, ['insurer']);
  requireObjectId('packageId', packageId);
  const terms = packageTerms(termsArguments);
  const current = await requireObject<InsurancePackage>(ctx, packageKey(ctx, packageId), `package ${packageId}`);
  if (current.insurerId !== insurer.stakeholderId) {
    throw new ChaincodeError('NOT_OWNER', `package ${packageId} belongs to another insurer`);
  }
  const head: InsurancePackage = { ...current, latestVersion: current.latestVersion + 1, updatedAt: txTimeIso(ctx) };
  return publish(ctx, head, terms, 'publishPackageVersion');
}

export async function getPackage(ctx: Context, packageId: string): Promise<PublishedPackage> {
  await requireActor(ctx, ROLES);
  const head = await requireVisiblePackage(ctx, packageId);
  return sortedCopy(await published(ctx, head, head.latestVersion));
}

export async function getPackageVersion(ctx: Context, packageId: string, version: number): Promise<PublishedPackage> {
  await requireActor(ctx, ROLES);
  requirePositiveInteger('version', version);
  const head = await requireVisiblePackage(ctx, packageId);
  return sortedCopy(await published(ctx, head, version));
}

export async function listPackages(ctx: Context, pageSize: number, bookmark: string): Promise<Page<PublishedPackage>> {
  await requireActor(ctx, ROLES);
  const page = await pageOfObjects<InsurancePackage>(ctx, PACKAGE_TYPE, [], pageSize, bookmark);
  const items: PublishedPackage[] = [];
  for (const head of page.items) {
    if (await insurerIsActive(ctx, head.insurerId)) {
      items.push(await published(ctx, head, head.latestVersion));
    }
  }
  return sortedCopy({ items, bookmark: page.bookmark });
}

export async function listPackageVersions(ctx: Context, packageId: string, pageSize: number, bookmark: string): Promise<Page<InsurancePackageVersion>> {
  await requireActor(ctx, ROLES);
  const head = await requireVisiblePackage(ctx, packageId);
  return sortedCopy(await pageOfObjects<InsurancePackageVersion>(ctx, PACKAGE_VERSION_TYPE, [head.id], pageSize, bookmark));
}

async function publish(ctx: Context, head: InsurancePackage, terms: PackageTerms, transaction: string): Promise<PublishedPackage> {
  const version: InsurancePackageVersion = {
    ...terms,
    packageId: head.id,
    version: head.latestVersion,
    insurerId: head.insurerId,
    publishedAt: head.updatedAt,
    txId: ctx.stub.getTxID(),
  };
  await writeObject(ctx, packageKey(ctx, head.id), head);
  await writeObject(ctx, packageVersionKey(ctx, head.id, version.version), version);
  emitEvent(ctx, transaction, { packageId: head.id, version: version.version, insurerId: head.insurerId, termsSha256: version.termsSha256, at: version.publishedAt });
  return sortedCopy({ ...version, latestVersion: head.latestVersion });
}
