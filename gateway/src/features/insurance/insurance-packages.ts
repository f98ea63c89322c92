import * as contract from '@medledger/chaincode';
import { z } from 'zod';
import { describeFields } from '../../api/models';
import { nonBlankText } from '../../api/text-schemas';
import { defineOperation, type Operation } from '../../api/operation';
import { pageArgs, pageFromLedger, pageOf, pageQuery } from '../../api/pagination';
import { objectId } from '../../api/schemas';
import { coverage, minor, sha256 } from './insurance-schemas';

/** Insurance packages: published as immutable versions, listed and read by anyone registered. */
const packageIdParams = z.object({ packageId: objectId });
const versionParams = z.object({ packageId: objectId, version: z.coerce.number().int().min(1).max(1_000_000) });

const coverageTerms = describeFields(contract.coverageTerms, {
  annualLimitMinor: 'Yearly payout limit in minor units',
  coveragePeriodDays: `How long a policy runs; ${contract.DEFAULT_COVERAGE_PERIOD_DAYS} unless given`,
  copayPercent: 'The holder’s share of each claim, in percent',
  waitingPeriodDays: 'Days after the policy starts before claims are covered',
}).meta({ id: 'CoverageTerms', description: 'Structured coverage terms; no free text' });

const packageTerms = z.strictObject({
  termsSha256: sha256.describe('SHA-256 of the full terms document kept off chain'),
  priceMinor: minor,
  currency: contract.currency,
  coverage: coverageTerms,
  eligibilitySummary: nonBlankText(contract.ELIGIBILITY_SUMMARY_MAX),
});

const packageVersionModel = contract.insurancePackageVersion.extend(coverage).meta({ id: 'InsurancePackageVersion', description: 'One immutable published version of a package' });

const publishedPackageModel = contract.publishedPackage.extend(coverage).meta({ id: 'InsurancePackage', description: 'A package version with the package’s latest version number' });

export const packageOperations: Operation[] = [
  defineOperation({
    method: 'post',
    path: '/insurance/packages',
    operationId: 'publishInsurancePackage',
    summary: 'Publish a new package as version 1',
    tag: 'Insurance packages',
    access: { scope: 'write' },
    callers: 'verified insurer',
    transaction: 'Insurance:publishPackage',
    body: packageTerms.extend({ packageId: objectId.describe('Chosen by the insurer; unique') }).strict(),
    errors: [409],
    response: { status: 201, description: 'The published version 1', schema: publishedPackageModel },
    creates: { readBack: (published) => ({ transaction: 'Insurance:getPackageVersion', args: [published.packageId, String(published.version)] }) },
    async handle({ principal, body, deps }) {
      return deps.ledger.submitJson(principal, 'Insurance:publishPackage', [body.packageId, ...termsArgs(body)]);
    },
  }),
  defineOperation({
    method: 'post',
    path: '/insurance/packages/{packageId}/versions',
    operationId: 'publishInsurancePackageVersion',
    summary: 'Publish a new immutable version of your package',
    tag: 'Insurance packages',
    access: { scope: 'write' },
    callers: 'the package’s insurer',
    transaction: 'Insurance:publishPackageVersion',
    params: packageIdParams,
    body: packageTerms,
    response: { status: 201, description: 'The published version', schema: publishedPackageModel },
    creates: { readBack: (published) => ({ transaction: 'Insurance:getPackageVersion', args: [published.packageId, String(published.version)] }) },
    async handle({ principal, params, body, deps }) {
      return deps.ledger.submitJson(principal, 'Insurance:publishPackageVersion', [params.packageId, ...termsArgs(body)]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/insurance/packages',
    operationId: 'listInsurancePackages',
    summary: 'The latest version of every package on offer, in package-ID order',
    description: 'Packages of insurers that are not active are left out, so a page may hold fewer than limit items; follow nextCursor until null.',
    tag: 'Insurance packages',
    access: { scope: 'read' },
    callers: 'any registered principal',
    transaction: 'Insurance:listPackages',
    query: pageQuery,
    response: { status: 200, description: 'A page of packages', schema: pageOf(publishedPackageModel) },
    async handle({ principal, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Insurance:listPackages', pageArgs(query)));
    },
  }),
  defineOperation({
    method: 'get',
    path: '/insurance/packages/{packageId}',
    operationId: 'getInsurancePackage',
    summary: 'The latest version of a package on offer',
    tag: 'Insurance packages',
    access: { scope: 'read' },
    callers: 'any registered principal',
    transaction: 'Insurance:getPackage',
    params: packageIdParams,
    response: { status: 200, description: 'The package', schema: publishedPackageModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Insurance:getPackage', [params.packageId]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/insurance/packages/{packageId}/versions',
    operationId: 'listInsurancePackageVersions',
    summary: 'Every version of a package, oldest first',
    tag: 'Insurance packages',
    access: { scope: 'read' },
    callers: 'any registered principal',
    transaction: 'Insurance:listPackageVersions',
    params: packageIdParams,
    query: pageQuery,
    response: { status: 200, description: 'A page of versions', schema: pageOf(packageVersionModel) },
    async handle({ principal, params, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Insurance:listPackageVersions', [params.packageId, ...pageArgs(query)]));
    },
  }),
  defineOperation({
    method: 'get',
    path: '/insurance/packages/{packageId}/versions/{version}',
    operationId: 'getInsurancePackageVersion',
    summary: 'One version of a package (e.g. the one a policy was issued from)',
    tag: 'Insurance packages',
    access: { scope: 'read' },
    callers: 'any registered principal',
    transaction: 'Insurance:getPackageVersion',
    params: versionParams,
    response: { status: 200, description: 'The version', schema: publishedPackageModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Insurance:getPackageVersion', [params.packageId, String(params.version)]);
    },
  }),
  // applications
];

/** Chaincode arguments (termsSha256, priceMinor, currency, coverageJson, eligibilitySummary). */
function termsArgs(terms: z.output<typeof packageTerms>): string[] {
  return [terms.termsSha256, String(terms.priceMinor), terms.currency, JSON.stringify(terms.coverage), terms.eligibilitySummary];
}
