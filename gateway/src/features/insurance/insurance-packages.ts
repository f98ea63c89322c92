import * as contract from '@medledger/chaincode/client';
import { z } from 'zod';
import { describeFields } from '../../api/models';
import { nonBlankText } from '../../api/text-schemas';
import { ledgerOperations } from '../../api/ledger-operations';
import type { LedgerRead, Operation } from '../../api/operation';
import { objectId } from '../../api/schemas';
import { coverage, minor, sha256 } from './insurance-schemas';

/** Insurance packages: published as immutable versions, listed and read by anyone registered. */
const operations = ledgerOperations({ tag: 'Insurance packages' });
const ANY_PRINCIPAL = 'any registered principal';
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
  operations.create({
    path: '/insurance/packages',
    operationId: 'publishInsurancePackage',
    summary: 'Publish a new package as version 1',
    callers: 'verified insurer',
    transaction: 'Insurance:publishPackage',
    body: packageTerms.extend({ packageId: objectId.describe('Chosen by the insurer; unique') }).strict(),
    args: ({ body }) => [body.packageId, ...termsArgs(body)],
    errors: [409],
    response: { description: 'The published version 1', schema: publishedPackageModel },
    creates: { readBack: readBackVersion },
  }),
  operations.create({
    path: '/insurance/packages/{packageId}/versions',
    operationId: 'publishInsurancePackageVersion',
    summary: 'Publish a new immutable version of your package',
    callers: 'the package’s insurer',
    transaction: 'Insurance:publishPackageVersion',
    params: packageIdParams,
    body: packageTerms,
    args: ({ params, body }) => [params.packageId, ...termsArgs(body)],
    response: { description: 'The published version', schema: publishedPackageModel },
    creates: { readBack: readBackVersion },
  }),
  operations.list({
    path: '/insurance/packages',
    operationId: 'listInsurancePackages',
    summary: 'The latest version of every package on offer, in package-ID order',
    description: 'Packages of insurers that are not active are left out, so a page may hold fewer than limit items; follow nextCursor until null.',
    callers: ANY_PRINCIPAL,
    transaction: 'Insurance:listPackages',
    response: { description: 'A page of packages', item: publishedPackageModel },
  }),
  operations.read({
    path: '/insurance/packages/{packageId}',
    operationId: 'getInsurancePackage',
    summary: 'The latest version of a package on offer',
    callers: ANY_PRINCIPAL,
    transaction: 'Insurance:getPackage',
    params: packageIdParams,
    response: { description: 'The package', schema: publishedPackageModel },
  }),
  operations.list({
    path: '/insurance/packages/{packageId}/versions',
    operationId: 'listInsurancePackageVersions',
    summary: 'Every version of a package, oldest first',
    callers: ANY_PRINCIPAL,
    transaction: 'Insurance:listPackageVersions',
    params: packageIdParams,
    response: { description: 'A page of versions', item: packageVersionModel },
  }),
  operations.read({
    path: '/insurance/packages/{packageId}/versions/{version}',
    operationId: 'getInsurancePackageVersion',
    summary: 'One version of a package (e.g. the one a policy was issued from)',
    callers: ANY_PRINCIPAL,
    transaction: 'Insurance:getPackageVersion',
    params: versionParams,
    response: { description: 'The version', schema: publishedPackageModel },
  }),
];

/** What a publication made, read back by its package and version number. */
function readBackVersion(published: z.output<typeof publishedPackageModel>): LedgerRead {
  return { transaction: 'Insurance:getPackageVersion', args: [published.packageId, String(published.version)] };
}

/** Chaincode arguments (termsSha256, priceMinor, currency, coverageJson, eligibilitySummary). */
function termsArgs(terms: z.output<typeof packageTerms>): string[] {
  return [terms.termsSha256, String(terms.priceMinor), terms.currency, JSON.stringify(terms.coverage), terms.eligibilitySummary];
}
