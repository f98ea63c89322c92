import type { Claim, InsuranceApplication, Policy, PublishedPackage } from '@medledger/chaincode/client';
import { applicationCoverageOf, claimOf, claimResponseOf, policyCoverageOf } from './insurance';
import { insurancePlanOf } from './insurance-plan';
import { r4Errors } from './test-support/r4-validator';

const at = '2026-03-01T10:00:00.000Z';
const coverage = { categories: ['lab', 'imaging'], annualLimitMinor: 500_000, coveragePeriodDays: 365, copayPercent: 10, waitingPeriodDays: 30 } satisfies Policy['coverage'];
const published: PublishedPackage = {
  packageId: 'pkg-000001',
  version: 1,
  latestVersion: 2,
  insurerId: 'ins-000001',
  termsSha256: 'a'.repeat(64),
  priceMinor: 12_000,
  currency: 'EUR',
  coverage,
  eligibilitySummary: 'Adults resident in the EU',
  publishedAt: at,
  txId: 'tx-1',
};
const policy: Policy = {
  id: 'pol-000001',
  applicationId: 'app-000001',
  packageId: 'pkg-000001',
  packageVersion: 1,
  insurerId: 'ins-000001',
  patientId: 'pat-000001',
  termsSha256: 'a'.repeat(64),
  priceMinor: 12_000,
  currency: 'EUR',
  coverage,
  status: 'active',
  coverageStart: at,
  coverageEnd: '2027-03-01T10:00:00.000Z',
  issuedAt: at,
};
const application = { id: 'app-000002', patientId: 'pat-000001', insurerId: 'ins-000001', packageId: 'pkg-000001', packageVersion: 1, status: 'pending' } as InsuranceApplication;
const submitted = {
  id: 'clm-000001',
  policyId: policy.id,
  patientId: 'pat-000001',
  insurerId: 'ins-000001',
  submittedBy: 'hos-000001',
  submittedAt: at,
  status: 'submitted',
  invoiceSha256: 'b'.repeat(64),
  amountMinor: 10_000,
  currency: 'EUR',
} as Claim;
const paid = { ...submitted, status: 'paid', decision: 'partially-approved', decidedAt: at, approvedAmountMinor: 8_000, paidAt: at } as Claim;

describe('insurance as FHIR R4', () => {
  it.each([
    ['a policy', policyCoverageOf(policy)],
    ['a pending application', applicationCoverageOf(application)],
    ['a submitted claim with its details', claimOf(submitted, 'knee x-ray')],
    ['a claim without its details', claimOf(submitted, null)],
    ['the decision on a paid claim', claimResponseOf(paid)],
    ['a superseded package version', insurancePlanOf(published)],
    ['the latest package version without copay or waiting period', insurancePlanOf({ ...published, version: 2, coverage: { categories: ['lab'], annualLimitMinor: 1, coveragePeriodDays: 30 } })],
  ])('when %s is mapped, then the R4 validator finds no error', (_what, resource) => {
    expect(r4Errors(resource)).toEqual([]);
  });

  it('when a policy is mapped, then its plan is the package version it was accepted from, as a Coverage class (R4 has no Coverage.insurancePlan)', () => {
    expect(policyCoverageOf(policy)).toMatchObject({ class: [{ value: 'pkg-000001:1' }] });
    expect(policyCoverageOf(policy)).not.toHaveProperty('insurancePlan');
  });

  it('when a package version is superseded, then its plan is retired, and the latest is active', () => {
    expect(insurancePlanOf(published).status).toBe('retired');
    expect(insurancePlanOf({ ...published, version: 2 }).status).toBe('active');
  });

  it('when a package is mapped, then each covered category is a coverage and the price is the premium', () => {
    const plan = insurancePlanOf(published);

    expect(plan.coverage.map((entry) => entry.type.coding?.[0]?.code)).toEqual(['lab', 'imaging']);
    expect(plan.plan[0]?.generalCost).toEqual([{ type: { text: 'premium' }, cost: { value: 120, currency: 'EUR' } }]);
  });

  it('when the validator is given a resource with an element R4 does not have, then it reports the error (the check can fail)', () => {
    expect(r4Errors({ ...policyCoverageOf(policy), insurancePlan: { reference: 'InsurancePlan/x' } })).not.toEqual([]);
  });
});
