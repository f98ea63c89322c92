import type { LedgerIdentity } from '@medledger/ledger-sim';
import type { AccessLogEntry } from '../models/access-log-entry';
import { CLAIM_DETAILS_TYPE, CLAIM_TYPE, type Claim, type ClaimDetails } from '../models/claim';
import { APPLICATION_TYPE, type InsuranceApplication } from '../models/insurance-application';
import type { PublishedPackage } from '../models/insurance-package';
import type { Policy } from '../models/policy';
import {
  advanceDays,
  daysFromNow,
  eventPayload,
  fakeSha256,
  grantConsent,
  ledgerMark,
  privateState,
  publicState,
  submitWithTransient,
  suspend,
} from '../test-support/care';
import { createWorld, evaluateJson, refusalCode, submitJson, type World } from '../test-support/world';

const PATIENT = 'pat-alice01';
const INSURER = 'ins-acme001';
const OTHER_INSURER = 'ins-zeta001';
const HOSPITAL = 'hos-city001';

const TERMS = fakeSha256('a');
const NEW_TERMS = fakeSha256('b');
const INVOICE = fakeSha256('c');
const PRICE = 12000;
const COVERAGE = { categories: ['lab', 'imaging'], annualLimitMinor: 100000 };
const CLAIM_DETAILS = { details: 'MRI of the left knee after a fall, 2026-03-02' };

interface Ins {
  world: World;
  patient: LedgerIdentity;
  insurer: LedgerIdentity;
}

async function insWorld(): Promise<Ins> {
  const world = await createWorld();
  const patient = await world.actor('patient', PATIENT);
  const insurer = await world.actor('insurer', INSURER);
  return { world, patient, insurer };
}

interface PackageOptions {
  packageId?: string;
  terms?: string;
  price?: number;
  currency?: string;
  coverage?: unknown;
  summary?: string;
  by?: LedgerIdentity;
}

function packageArgs(options: PackageOptions): string[] {
  return [
    options.packageId ?? 'pkg-basic',
    options.terms ?? TERMS,
    String(options.price ?? PRICE),
    options.currency ?? 'EUR',
    typeof options.coverage === 'string' ? options.coverage : JSON.stringify(options.coverage ?? COVERAGE),
    options.summary ?? 'Adults resident in the EU, 18-65.',
  ];
}

async function publish(ins: Ins, options: PackageOptions = {}): Promise<PublishedPackage> {
  return submitJson<PublishedPackage>(ins.world, options.by ?? ins.insurer, 'Insurance:publishPackage', packageArgs(options));
}

interface ApplyOptions {
  id?: string;
  packageId?: string;
  version?: number;
  terms?: string;
  deadline?: string;
  by?: LedgerIdentity;
}

async function apply(ins: Ins, options: ApplyOptions = {}): Promise<InsuranceApplication> {
  return submitJson<InsuranceApplication>(ins.world, options.by ?? ins.patient, 'Insurance:apply', [
    options.id ?? 'app-0001',
    options.packageId ?? 'pkg-basic',
    String(options.version ?? 1),
    options.terms ?? TERMS,
    options.deadline ?? daysFromNow(ins.world, 7),
  ]);
}

async function respond(ins: Ins, terms = TERMS, price = PRICE, by = ins.insurer, applicationId = 'app-0001'): Promise<{ application: InsuranceApplication; policy?: Policy }> {
  return submitJson(ins.world, by, 'Insurance:respond', [applicationId, terms, String(price)]);
}

/** Package published, application filed and approved: returns the policy. */
async function policyHolder(ins: Ins, coverage: unknown = COVERAGE): Promise<Policy> {
  await publish(ins, { coverage });
  await apply(ins);
  const { policy } = await respond(ins);
  if (policy === undefined) {
    throw new Error('expected a policy');
  }
  return policy;
}

interface ClaimOptions {
  id?: string;
  policyId?: string;
  invoice?: string;
  amount?: number;
  transient?: Record<string, unknown>;
  by?: LedgerIdentity;
}

function claimArgs(policyId: string, options: ClaimOptions): string[] {
  return [options.id ?? 'clm-0001', options.policyId ?? policyId, options.invoice ?? INVOICE, String(options.amount ?? 5000)];
}

async function submitClaim(ins: Ins, policyId: string, options: ClaimOptions = {}): Promise<Claim> {
  return submitWithTransient<Claim>(ins.world, options.by ?? ins.patient, 'Insurance:submitClaim', claimArgs(policyId, options), options.transient ?? { claim: CLAIM_DETAILS });
}

async function decide(ins: Ins, decision: string, amount: number, by = ins.insurer): Promise<Claim> {
  return submitJson<Claim>(ins.world, by, 'Insurance:decideClaim', ['clm-0001', decision, String(amount)]);
}

describe('Insurance:publishPackage / publishPackageVersion', () => {
  it('when a verified insurer publishes, then version 1 is readable with its structured coverage', async () => {
    const ins = await insWorld();

    const result = await ins.world.ledger.submit(ins.insurer, 'Insurance:publishPackage', packageArgs({}));

    const published = JSON.parse(result.payload) as PublishedPackage;
    expect(published).toMatchObject({
      packageId: 'pkg-basic',
      version: 1,
      latestVersion: 1,
      insurerId: INSURER,
      termsSha256: TERMS,
      priceMinor: PRICE,
      currency: 'EUR',
      coverage: { categories: ['imaging', 'lab'], annualLimitMinor: 100000, coveragePeriodDays: 365 },
      publishedAt: ins.world.now().toISOString(),
      txId: result.txId,
    });
    expect(result.event?.eventName).toBe('publishPackage');
    expect(eventPayload(result)).toMatchObject({ packageId: 'pkg-basic', version: 1, insurerId: INSURER });
    expect(await evaluateJson(ins.world, ins.patient, 'Insurance:getPackage', ['pkg-basic'])).toEqual(published);
  });

  it('when the insurer publishes a new version, then it becomes the latest and version 1 stays as it was', async () => {
    const ins = await insWorld();
    const v1 = await publish(ins);

    const result = await ins.world.ledger.submit(ins.insurer, 'Insurance:publishPackageVersion', packageArgs({ terms: NEW_TERMS, price: 15000 }));

    expect(JSON.parse(result.payload)).toMatchObject({ version: 2, latestVersion: 2, termsSha256: NEW_TERMS, priceMinor: 15000 });
    expect(result.event?.eventName).toBe('publishPackageVersion');
    expect(await evaluateJson(ins.world, ins.patient, 'Insurance:getPackageVersion', ['pkg-basic', '1'])).toEqual({ ...v1, latestVersion: 2 });
    expect((await evaluateJson<PublishedPackage>(ins.world, ins.patient, 'Insurance:getPackage', ['pkg-basic'])).version).toBe(2);
    const versions = await evaluateJson<{ items: PublishedPackage[] }>(ins.world, ins.patient, 'Insurance:listPackageVersions', ['pkg-basic', '10', '']);
    expect(versions.items.map((v) => v.version)).toEqual([1, 2]);
  });

  it('when another insurer publishes a version of the package, then it is refused', async () => {
    const ins = await insWorld();
    await publish(ins);
    const other = await ins.world.actor('insurer', OTHER_INSURER);

    expect(await refusalCode(ins.world.ledger.submit(other, 'Insurance:publishPackageVersion', packageArgs({ terms: NEW_TERMS })))).toBe('NOT_OWNER');
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:publishPackageVersion', packageArgs({ packageId: 'pkg-none' })))).toBe('NOT_FOUND');
  });

  it('when a patient, an unverified or a suspended insurer publishes, then it is refused', async () => {
    const ins = await insWorld();
    const pending = await ins.world.actor('insurer', 'ins-newbie1', { verify: false });
    const suspended = await ins.world.actor('insurer', OTHER_INSURER);
    await suspend(ins.world, OTHER_INSURER);

    expect(await refusalCode(publish(ins, { by: ins.patient }))).toBe('ROLE_FORBIDDEN');
    expect(await refusalCode(publish(ins, { by: pending }))).toBe('NOT_VERIFIED');
    expect(await refusalCode(publish(ins, { by: suspended }))).toBe('SUSPENDED');
  });

  it('when the package ID is taken, then publishing it again is refused', async () => {
    const ins = await insWorld();
    await publish(ins);

    expect(await refusalCode(publish(ins, { terms: NEW_TERMS }))).toBe('ALREADY_EXISTS');
  });

  it.each<[string, PackageOptions]>([
    ['a malformed terms hash', { terms: 'abc' }],
    ['a zero price', { price: 0 }],
    ['a lowercase currency', { currency: 'eur' }],
    ['coverage that is not JSON', { coverage: '{categories' }],
    ['coverage that is a list', { coverage: ['lab'] }],
    ['coverage with free text', { coverage: { ...COVERAGE, note: 'covers Alice’s diabetes' } }],
    ['an unknown coverage category', { coverage: { categories: ['cosmetics'], annualLimitMinor: 1 } }],
    ['no annual limit', { coverage: { categories: ['lab'] } }],
    ['a copay over 100 %', { coverage: { ...COVERAGE, copayPercent: 120 } }],
    ['an empty eligibility summary', { summary: '   ' }],
    ['an eligibility summary over 500 characters', { summary: 'x'.repeat(501) }],
  ])('when publishing with %s, then it is refused and nothing is written', async (_label, options) => {
    const ins = await insWorld();
    const mark = ledgerMark(ins.world);

    expect(await refusalCode(publish(ins, options))).toBe('INVALID_ARGUMENT');
    expect(ledgerMark(ins.world)).toEqual(mark);
  });

  it('when the insurer is suspended, then its packages disappear from reads and return when reinstated', async () => {
    const ins = await insWorld();
    await publish(ins);
    const other = await ins.world.actor('insurer', OTHER_INSURER);
    await publish(ins, { by: other, packageId: 'pkg-zeta' });
    await suspend(ins.world, INSURER);

    const listed = await evaluateJson<{ items: PublishedPackage[] }>(ins.world, ins.patient, 'Insurance:listPackages', ['10', '']);
    expect(listed.items.map((p) => p.packageId)).toEqual(['pkg-zeta']);
    expect(await refusalCode(ins.world.ledger.evaluate(ins.patient, 'Insurance:getPackage', ['pkg-basic']))).toBe('NOT_FOUND');
    expect(await refusalCode(ins.world.ledger.evaluate(ins.patient, 'Insurance:getPackageVersion', ['pkg-basic', '1']))).toBe('NOT_FOUND');
    expect(await refusalCode(apply(ins))).toBe('NOT_FOUND');

    await ins.world.ledger.submit(ins.world.admin, 'Stakeholder:reinstate', [INSURER]);
    expect((await evaluateJson<PublishedPackage>(ins.world, ins.patient, 'Insurance:getPackage', ['pkg-basic'])).packageId).toBe('pkg-basic');
  });

  it('when packages are listed page by page, then the bookmark walks all of them', async () => {
    const ins = await insWorld();
    for (const id of ['pkg-a01', 'pkg-b02', 'pkg-c03']) {
      await publish(ins, { packageId: id });
    }

    const first = await evaluateJson<{ items: PublishedPackage[]; bookmark: string }>(ins.world, ins.patient, 'Insurance:listPackages', ['2', '']);
    const second = await evaluateJson<{ items: PublishedPackage[]; bookmark: string }>(ins.world, ins.patient, 'Insurance:listPackages', ['2', first.bookmark]);

    expect([...first.items, ...second.items].map((p) => p.packageId)).toEqual(['pkg-a01', 'pkg-b02', 'pkg-c03']);
  });
});

describe('Insurance:apply', () => {
  it('when a patient applies for the latest version with its terms hash, then the terms and price are locked', async () => {
    const ins = await insWorld();
    await publish(ins);
    const deadline = daysFromNow(ins.world, 7);

    const result = await ins.world.ledger.submit(ins.patient, 'Insurance:apply', ['app-0001', 'pkg-basic', '1', TERMS, deadline]);

    expect(JSON.parse(result.payload)).toEqual({
      id: 'app-0001',
      packageId: 'pkg-basic',
      packageVersion: 1,
      insurerId: INSURER,
      patientId: PATIENT,
      lockedTermsSha256: TERMS,
      lockedPriceMinor: PRICE,
      currency: 'EUR',
      responseDeadline: deadline,
      status: 'pending',
      appliedAt: ins.world.now().toISOString(),
      updatedAt: ins.world.now().toISOString(),
    });
    expect(result.event?.eventName).toBe('apply');
    expect(eventPayload(result)).toMatchObject({ applicationId: 'app-0001', status: 'pending', insurerId: INSURER });
  });

  it('when no application ID is given, then one is derived from the transaction ID', async () => {
    const ins = await insWorld();
    await publish(ins);

    expect((await apply(ins, { id: '' })).id).toMatch(/^app-[0-9a-f]{24}$/);
  });

  it('when the accepted terms hash is not the version\'s, then the application is refused and nothing is written', async () => {
    const ins = await insWorld();
    await publish(ins);
    const mark = ledgerMark(ins.world);

    expect(await refusalCode(apply(ins, { terms: NEW_TERMS }))).toBe('HASH_MISMATCH');
    expect(ledgerMark(ins.world)).toEqual(mark);
    expect(publicState(ins.world, APPLICATION_TYPE, ['app-0001'])).toBeUndefined();
  });

  it('when the version was superseded or does not exist, then the application is refused', async () => {
    const ins = await insWorld();
    await publish(ins);
    await ins.world.ledger.submit(ins.insurer, 'Insurance:publishPackageVersion', packageArgs({ terms: NEW_TERMS }));

    expect(await refusalCode(apply(ins, { version: 1 }))).toBe('INVALID_STATE');
    expect(await refusalCode(apply(ins, { version: 3 }))).toBe('NOT_FOUND');
    expect((await apply(ins, { version: 2, terms: NEW_TERMS })).packageVersion).toBe(2);
  });

  it('when an insurer or a doctor applies, then the role is refused', async () => {
    const ins = await insWorld();
    await publish(ins);
    const doctor = await ins.world.actor('doctor', 'doc-bob0001');

    expect(await refusalCode(apply(ins, { by: ins.insurer }))).toBe('ROLE_FORBIDDEN');
    expect(await refusalCode(apply(ins, { by: doctor }))).toBe('ROLE_FORBIDDEN');
  });

  it.each<[string, ApplyOptions]>([
    ['a deadline in the past', { deadline: '2026-02-01T00:00:00Z' }],
    ['a deadline more than 30 days ahead', { deadline: '2026-04-15T00:00:00Z' }],
    ['a malformed deadline', { deadline: 'soon' }],
    ['a malformed terms hash', { terms: 'A'.repeat(64) }],
    ['version 0', { version: 0 }],
  ])('when applying with %s, then it is refused', async (_label, options) => {
    const ins = await insWorld();
    await publish(ins);

    expect(await refusalCode(apply(ins, options))).toBe('INVALID_ARGUMENT');
  });

  it('when the application ID is taken, then the second application is refused', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins);

    expect(await refusalCode(apply(ins))).toBe('ALREADY_EXISTS');
  });
});

describe('Insurance:respond', () => {
  it('when the insurer answers with the locked terms and price, then a policy with a transaction-derived ID is issued', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins);
    advanceDays(ins.world, 1);

    const result = await ins.world.ledger.submit(ins.insurer, 'Insurance:respond', ['app-0001', TERMS, String(PRICE)]);

    const { application, policy } = JSON.parse(result.payload) as { application: InsuranceApplication; policy: Policy };
    const now = ins.world.now().toISOString();
    expect(policy).toEqual({
      id: `pol-${result.txId.slice(0, 24)}`,
      applicationId: 'app-0001',
      packageId: 'pkg-basic',
      packageVersion: 1,
      insurerId: INSURER,
      patientId: PATIENT,
      termsSha256: TERMS,
      priceMinor: PRICE,
      currency: 'EUR',
      coverage: { categories: ['imaging', 'lab'], annualLimitMinor: 100000, coveragePeriodDays: 365 },
      status: 'active',
      coverageStart: now,
      coverageEnd: daysFromNow(ins.world, 365),
      issuedAt: now,
    });
    expect(application).toMatchObject({ status: 'approved', policyId: policy.id, respondedAt: now });
    expect(result.event?.eventName).toBe('respond');
    expect(eventPayload(result)).toMatchObject({ applicationId: 'app-0001', status: 'approved', policyId: policy.id });
    expect(await evaluateJson(ins.world, ins.patient, 'Insurance:getPolicy', [policy.id])).toEqual(policy);
  });

  it('when the insurer answers with another price, then the application is recorded as rejected and no policy is issued', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins);

    const result = await ins.world.ledger.submit(ins.insurer, 'Insurance:respond', ['app-0001', TERMS, String(PRICE + 1)]);

    const { application, policy } = JSON.parse(result.payload) as { application: InsuranceApplication; policy?: Policy };
    expect(policy).toBeUndefined();
    expect(application).toMatchObject({ status: 'rejected', mismatches: ['price'], offeredPriceMinor: PRICE + 1, offeredTermsSha256: TERMS });
    expect(eventPayload(result)).toMatchObject({ applicationId: 'app-0001', status: 'rejected' });
    const policies = await evaluateJson<{ items: Policy[] }>(ins.world, ins.patient, 'Insurance:listPoliciesByPatient', [PATIENT, '10', '']);
    expect(policies.items).toEqual([]);
  });

  it('when the insurer answers with other terms, then the hash mismatch is the recorded outcome, not an error', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins);

    const { application } = await respond(ins, NEW_TERMS, PRICE + 5);

    expect(application).toMatchObject({ status: 'rejected', mismatches: ['terms', 'price'] });
    expect(publicState<InsuranceApplication>(ins.world, APPLICATION_TYPE, ['app-0001'])?.status).toBe('rejected');
  });

  it('when the deadline has passed, then the answer is refused and nothing is written', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins, { deadline: daysFromNow(ins.world, 2) });
    advanceDays(ins.world, 2);
    const mark = ledgerMark(ins.world);

    expect(await refusalCode(respond(ins))).toBe('DEADLINE_PASSED');
    expect(ledgerMark(ins.world)).toEqual(mark);
  });

  it('when another insurer, a patient or a suspended insurer answers, then it is refused', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins);
    const other = await ins.world.actor('insurer', OTHER_INSURER);

    expect(await refusalCode(respond(ins, TERMS, PRICE, other))).toBe('NOT_OWNER');
    expect(await refusalCode(respond(ins, TERMS, PRICE, ins.patient))).toBe('ROLE_FORBIDDEN');
    await suspend(ins.world, INSURER);
    expect(await refusalCode(respond(ins))).toBe('SUSPENDED');
  });

  it('when the application was already answered, then a second answer is refused', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins);
    await respond(ins);

    expect(await refusalCode(respond(ins))).toBe('INVALID_STATE');
  });

  it('when the answer is malformed or the application unknown, then it is refused', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins);

    expect(await refusalCode(respond(ins, 'not-a-hash'))).toBe('INVALID_ARGUMENT');
    expect(await refusalCode(respond(ins, TERMS, 0))).toBe('INVALID_ARGUMENT');
    expect(await refusalCode(respond(ins, TERMS, PRICE, ins.insurer, 'app-9999'))).toBe('NOT_FOUND');
  });
});

describe('Insurance:decline / withdraw', () => {
  it('when the insurer declines recommending another package, then the application is declined with the recommendation', async () => {
    const ins = await insWorld();
    await publish(ins);
    await publish(ins, { packageId: 'pkg-plus' });
    await apply(ins);

    const result = await ins.world.ledger.submit(ins.insurer, 'Insurance:decline', ['app-0001', 'pkg-plus']);

    expect(JSON.parse(result.payload)).toMatchObject({ status: 'declined', recommendedPackageId: 'pkg-plus', declinedAt: ins.world.now().toISOString() });
    expect(result.event?.eventName).toBe('decline');
    expect(eventPayload(result)).toMatchObject({ applicationId: 'app-0001', status: 'declined', recommendedPackageId: 'pkg-plus' });
  });

  it('when the insurer declines without a recommendation, then none is recorded', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins);

    const declined = await submitJson<InsuranceApplication>(ins.world, ins.insurer, 'Insurance:decline', ['app-0001', '']);

    expect(declined.status).toBe('declined');
    expect(declined.recommendedPackageId).toBeUndefined();
  });

  it('when the decline comes late, recommends an unknown package, is not the insurer\'s, or follows an answer, then it is refused', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins, { id: 'app-0001' });
    await apply(ins, { id: 'app-0002', deadline: daysFromNow(ins.world, 1) });
    await apply(ins, { id: 'app-0003' });
    const other = await ins.world.actor('insurer', OTHER_INSURER);
    await respond(ins, TERMS, PRICE, ins.insurer, 'app-0003');
    advanceDays(ins.world, 1);

    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:decline', ['app-0001', 'pkg-nothing']))).toBe('NOT_FOUND');
    expect(await refusalCode(ins.world.ledger.submit(other, 'Insurance:decline', ['app-0001', '']))).toBe('NOT_OWNER');
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:decline', ['app-0002', '']))).toBe('DEADLINE_PASSED');
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:decline', ['app-0003', '']))).toBe('INVALID_STATE');
  });

  it('when the deadline passed unanswered, then the patient may withdraw', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins, { deadline: daysFromNow(ins.world, 3) });
    advanceDays(ins.world, 3);

    const result = await ins.world.ledger.submit(ins.patient, 'Insurance:withdraw', ['app-0001']);

    expect(JSON.parse(result.payload)).toMatchObject({ status: 'withdrawn', withdrawnAt: ins.world.now().toISOString() });
    expect(result.event?.eventName).toBe('withdraw');
  });

  it('when the deadline has not passed, then withdrawing is refused', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins, { deadline: daysFromNow(ins.world, 3) });
    advanceDays(ins.world, 2);
    const mark = ledgerMark(ins.world);

    expect(await refusalCode(ins.world.ledger.submit(ins.patient, 'Insurance:withdraw', ['app-0001']))).toBe('DEADLINE_NOT_REACHED');
    expect(ledgerMark(ins.world)).toEqual(mark);
  });

  it('when another patient or the insurer withdraws, or the application was answered, then it is refused', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins, { id: 'app-0001', deadline: daysFromNow(ins.world, 1) });
    await apply(ins, { id: 'app-0002', deadline: daysFromNow(ins.world, 1) });
    await respond(ins, TERMS, PRICE, ins.insurer, 'app-0002');
    const mallory = await ins.world.actor('patient', 'pat-mallory');
    advanceDays(ins.world, 2);

    expect(await refusalCode(ins.world.ledger.submit(mallory, 'Insurance:withdraw', ['app-0001']))).toBe('NOT_OWNER');
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:withdraw', ['app-0001']))).toBe('ROLE_FORBIDDEN');
    expect(await refusalCode(ins.world.ledger.submit(ins.patient, 'Insurance:withdraw', ['app-0002']))).toBe('INVALID_STATE');
  });
});

describe('Insurance:submitClaim', () => {
  it('when the policy holder claims, then the public claim holds hash and amount and the details only private data', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);

    const result = await ins.world.ledger.submit(ins.patient, 'Insurance:submitClaim', claimArgs(policy.id, {}), {
      transient: { claim: JSON.stringify(CLAIM_DETAILS) },
    });

    const claim = JSON.parse(result.payload) as Claim;
    expect(claim).toMatchObject({
      id: 'clm-0001',
      policyId: policy.id,
      patientId: PATIENT,
      insurerId: INSURER,
      submittedBy: PATIENT,
      submitterRole: 'patient',
      invoiceSha256: INVOICE,
      amountMinor: 5000,
      currency: 'EUR',
      status: 'submitted',
    });
    expect(publicState(ins.world, CLAIM_TYPE, ['clm-0001'])).toEqual(claim);
    expect(JSON.stringify(claim)).not.toMatch(/MRI|knee/);
    expect(privateState<ClaimDetails>(ins.world, CLAIM_DETAILS_TYPE, ['clm-0001'])).toEqual({
      claimId: 'clm-0001',
      patientId: PATIENT,
      details: CLAIM_DETAILS.details,
    });
    expect(result.event?.eventName).toBe('submitClaim');
    expect(JSON.stringify(eventPayload(result))).not.toMatch(/MRI|knee|5000/);
  });

  it('when a verified hospital holding the patient\'s billing edit grant claims, then the claim is submitted and logged', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    const hospital = await ins.world.actor('hospital', HOSPITAL);
    const grantId = await grantConsent(ins.world, ins.patient, HOSPITAL, { actions: ['edit'], scope: { categories: ['billing'] } });

    const claim = await submitClaim(ins, policy.id, { by: hospital });

    expect(claim).toMatchObject({ submittedBy: HOSPITAL, submitterRole: 'hospital', submitGrantId: grantId, status: 'submitted' });
    const log = await evaluateJson<{ items: AccessLogEntry[] }>(ins.world, ins.patient, 'AccessLog:listMine', ['10', '']);
    expect(log.items).toEqual([
      expect.objectContaining({ accessorId: HOSPITAL, action: 'edit', category: 'billing', resourceType: 'claim', resourceId: 'clm-0001', basis: 'grant', grantId }),
    ]);
  });

  it('when the hospital has no grant, only a view grant, a grant of another category or an expired one, then the claim is refused', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    const hospital = await ins.world.actor('hospital', HOSPITAL);
    expect(await refusalCode(submitClaim(ins, policy.id, { by: hospital }))).toBe('CONSENT_REQUIRED');

    await grantConsent(ins.world, ins.patient, HOSPITAL, { actions: ['view'], scope: { categories: ['billing'] } });
    expect(await refusalCode(submitClaim(ins, policy.id, { by: hospital }))).toBe('CONSENT_REQUIRED');

    await grantConsent(ins.world, ins.patient, HOSPITAL, { actions: ['edit'], scope: { categories: ['insurance'] } });
    expect(await refusalCode(submitClaim(ins, policy.id, { by: hospital }))).toBe('CONSENT_REQUIRED');

    await grantConsent(ins.world, ins.patient, HOSPITAL, { actions: ['edit'], scope: { categories: ['billing'] }, validUntil: daysFromNow(ins.world, 1) });
    advanceDays(ins.world, 2);
    const mark = ledgerMark(ins.world);
    expect(await refusalCode(submitClaim(ins, policy.id, { by: hospital }))).toBe('CONSENT_REQUIRED');
    expect(ledgerMark(ins.world)).toEqual(mark);
  });

  it('when an unverified or suspended hospital claims, then it is refused', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    const pending = await ins.world.actor('hospital', 'hos-newbie1', { verify: false });
    const hospital = await ins.world.actor('hospital', HOSPITAL);
    await grantConsent(ins.world, ins.patient, HOSPITAL, { actions: ['edit'], scope: { categories: ['billing'] } });
    await suspend(ins.world, HOSPITAL);

    expect(await refusalCode(submitClaim(ins, policy.id, { by: pending }))).toBe('NOT_VERIFIED');
    expect(await refusalCode(submitClaim(ins, policy.id, { by: hospital }))).toBe('SUSPENDED');
  });

  it('when another patient, a doctor or the insurer claims on the policy, then it is refused', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    const mallory = await ins.world.actor('patient', 'pat-mallory');
    const doctor = await ins.world.actor('doctor', 'doc-bob0001');

    expect(await refusalCode(submitClaim(ins, policy.id, { by: mallory }))).toBe('NOT_OWNER');
    expect(await refusalCode(submitClaim(ins, policy.id, { by: doctor }))).toBe('ROLE_FORBIDDEN');
    expect(await refusalCode(submitClaim(ins, policy.id, { by: ins.insurer }))).toBe('ROLE_FORBIDDEN');
  });

  it('when the coverage period has ended, then the claim is refused', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins, { ...COVERAGE, coveragePeriodDays: 30 });
    advanceDays(ins.world, 30);

    expect(await refusalCode(submitClaim(ins, policy.id))).toBe('DEADLINE_PASSED');
  });

  it('when the waiting period is still running, then the claim is refused until it ends', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins, { ...COVERAGE, waitingPeriodDays: 10 });
    advanceDays(ins.world, 9);

    expect(await refusalCode(submitClaim(ins, policy.id))).toBe('DEADLINE_NOT_REACHED');
    advanceDays(ins.world, 1);
    expect((await submitClaim(ins, policy.id)).status).toBe('submitted');
  });

  it('when the claim ID is taken or the policy is unknown, then it is refused', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    await submitClaim(ins, policy.id);

    expect(await refusalCode(submitClaim(ins, policy.id))).toBe('ALREADY_EXISTS');
    expect(await refusalCode(submitClaim(ins, policy.id, { id: 'clm-0002', policyId: 'pol-unknown' }))).toBe('NOT_FOUND');
  });

  it('when no claim ID is given, then one is derived from the transaction ID', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);

    expect((await submitClaim(ins, policy.id, { id: '' })).id).toMatch(/^clm-[0-9a-f]{24}$/);
  });

  it.each<[string, ClaimOptions]>([
    ['no transient claim', { transient: {} }],
    ['empty details', { transient: { claim: { details: ' ' } } }],
    ['an extra transient field', { transient: { claim: { details: 'x', diagnosis: 'y' } } }],
    ['a malformed invoice hash', { invoice: 'invoice-42' }],
    ['a zero amount', { amount: 0 }],
  ])('when claiming with %s, then it is refused and nothing is written', async (_label, options) => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    const mark = ledgerMark(ins.world);

    expect(await refusalCode(submitClaim(ins, policy.id, options))).toBe('INVALID_ARGUMENT');
    expect(ledgerMark(ins.world)).toEqual(mark);
  });
});

describe('Insurance:decideClaim / markPaid', () => {
  async function submitted(ins: Ins): Promise<Policy> {
    const policy = await policyHolder(ins);
    await submitClaim(ins, policy.id, { amount: 5000 });
    return policy;
  }

  it('when the insurer approves in full and pays, then the claim is approved then paid', async () => {
    const ins = await insWorld();
    await submitted(ins);

    const decided = await ins.world.ledger.submit(ins.insurer, 'Insurance:decideClaim', ['clm-0001', 'approved', '5000']);
    const paid = await ins.world.ledger.submit(ins.insurer, 'Insurance:markPaid', ['clm-0001', 'SEPA:2026-03-000123']);

    expect(JSON.parse(decided.payload)).toMatchObject({ status: 'approved', decision: 'approved', approvedAmountMinor: 5000 });
    expect(decided.event?.eventName).toBe('decideClaim');
    expect(JSON.parse(paid.payload)).toMatchObject({ status: 'paid', paymentRef: 'SEPA:2026-03-000123', paidAt: ins.world.now().toISOString() });
    expect(paid.event?.eventName).toBe('markPaid');
    expect(eventPayload(paid)).toMatchObject({ claimId: 'clm-0001', status: 'paid' });
  });

  it('when the insurer approves part of the claim, then it is partially approved and can be paid', async () => {
    const ins = await insWorld();
    await submitted(ins);

    expect(await decide(ins, 'partially-approved', 3000)).toMatchObject({ status: 'partially-approved', approvedAmountMinor: 3000 });
    expect((await submitJson<Claim>(ins.world, ins.insurer, 'Insurance:markPaid', ['clm-0001', 'ref-77'])).status).toBe('paid');
  });

  it('when the insurer denies the claim, then it is denied and cannot be paid', async () => {
    const ins = await insWorld();
    await submitted(ins);

    expect(await decide(ins, 'denied', 0)).toMatchObject({ status: 'denied', approvedAmountMinor: 0 });
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:markPaid', ['clm-0001', 'ref-77']))).toBe('INVALID_STATE');
  });

  it.each<[string, string, number]>([
    ['a partial approval of the full amount', 'partially-approved', 5000],
    ['a partial approval of nothing', 'partially-approved', 0],
    ['a partial approval above the claim', 'partially-approved', 6000],
    ['a full approval of less', 'approved', 4000],
    ['a denial with an amount', 'denied', 10],
    ['an unknown decision', 'maybe', 0],
    ['a negative amount', 'denied', -1],
  ])('when deciding with %s, then it is refused and nothing is written', async (_label, decision, amount) => {
    const ins = await insWorld();
    await submitted(ins);
    const mark = ledgerMark(ins.world);

    expect(await refusalCode(decide(ins, decision, amount))).toBe('INVALID_ARGUMENT');
    expect(ledgerMark(ins.world)).toEqual(mark);
  });

  it('when another insurer or the patient decides, then it is refused', async () => {
    const ins = await insWorld();
    await submitted(ins);
    const other = await ins.world.actor('insurer', OTHER_INSURER);

    expect(await refusalCode(decide(ins, 'approved', 5000, other))).toBe('NOT_OWNER');
    expect(await refusalCode(decide(ins, 'approved', 5000, ins.patient))).toBe('ROLE_FORBIDDEN');
  });

  it('when the claim was already decided or is not decided yet, then deciding again or paying is refused', async () => {
    const ins = await insWorld();
    await submitted(ins);
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:markPaid', ['clm-0001', 'ref-1']))).toBe('INVALID_STATE');

    await decide(ins, 'approved', 5000);
    expect(await refusalCode(decide(ins, 'denied', 0))).toBe('INVALID_STATE');
    await submitJson(ins.world, ins.insurer, 'Insurance:markPaid', ['clm-0001', 'ref-1']);
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:markPaid', ['clm-0001', 'ref-2']))).toBe('INVALID_STATE');
  });

  it('when the payment reference is malformed or another insurer pays, then it is refused', async () => {
    const ins = await insWorld();
    await submitted(ins);
    await decide(ins, 'approved', 5000);
    const other = await ins.world.actor('insurer', OTHER_INSURER);

    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:markPaid', ['clm-0001', 'paid to Alice Smith']))).toBe('INVALID_ARGUMENT');
    expect(await refusalCode(ins.world.ledger.submit(other, 'Insurance:markPaid', ['clm-0001', 'ref-1']))).toBe('NOT_OWNER');
  });
});

describe('Insurance:readClaim', () => {
  it('when the patient reads their claim, then the details come back and the read is logged', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    await submitClaim(ins, policy.id);

    const result = await ins.world.ledger.submit(ins.patient, 'Insurance:readClaim', ['clm-0001']);

    expect(JSON.parse(result.payload)).toMatchObject({ details: CLAIM_DETAILS.details, claim: { id: 'clm-0001' } });
    expect(result.event?.eventName).toBe('readClaim');
    expect(JSON.stringify(eventPayload(result))).not.toMatch(/MRI|knee/);
  });

  it('when the insurer holds the patient\'s view grant on billing, then it reads the details and the patient sees it in the log', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    await submitClaim(ins, policy.id);
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:readClaim', ['clm-0001']))).toBe('CONSENT_REQUIRED');
    await grantConsent(ins.world, ins.patient, INSURER, { actions: ['view'], scope: { categories: ['insurance'] } });
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:readClaim', ['clm-0001']))).toBe('CONSENT_REQUIRED');
    const grantId = await grantConsent(ins.world, ins.patient, INSURER, { actions: ['view'], scope: { recordIds: ['clm-0001'] }, purpose: 'HPAYMT' });

    const read = await submitJson<{ details: string }>(ins.world, ins.insurer, 'Insurance:readClaim', ['clm-0001']);

    expect(read.details).toBe(CLAIM_DETAILS.details);
    const log = await evaluateJson<{ items: AccessLogEntry[] }>(ins.world, ins.patient, 'AccessLog:listMine', ['10', '']);
    expect(log.items.filter((entry) => entry.accessorId === INSURER)).toEqual([
      expect.objectContaining({ action: 'view', category: 'billing', resourceType: 'claim', resourceId: 'clm-0001', basis: 'grant', grantId }),
    ]);
  });
});

describe('Insurance reads', () => {
  it('when the patient and the insurer read applications, policies and claims, then both see them; a stranger is refused', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    await submitClaim(ins, policy.id);
    const stranger = await ins.world.actor('insurer', OTHER_INSURER);

    for (const who of [ins.patient, ins.insurer]) {
      expect((await evaluateJson<InsuranceApplication>(ins.world, who, 'Insurance:getApplication', ['app-0001'])).status).toBe('approved');
      expect((await evaluateJson<Policy>(ins.world, who, 'Insurance:getPolicy', [policy.id])).id).toBe(policy.id);
      expect((await evaluateJson<Claim>(ins.world, who, 'Insurance:getClaim', ['clm-0001'])).status).toBe('submitted');
    }
    expect(await refusalCode(ins.world.ledger.evaluate(stranger, 'Insurance:getApplication', ['app-0001']))).toBe('CONSENT_REQUIRED');
    expect(await refusalCode(ins.world.ledger.evaluate(stranger, 'Insurance:getPolicy', [policy.id]))).toBe('CONSENT_REQUIRED');
    expect(await refusalCode(ins.world.ledger.evaluate(stranger, 'Insurance:getClaim', ['clm-0001']))).toBe('CONSENT_REQUIRED');
    expect(await refusalCode(ins.world.ledger.evaluate(stranger, 'Insurance:listClaimsByPolicy', [policy.id, '', '10', '']))).toBe('CONSENT_REQUIRED');
  });

  it('when another insurer holds a view grant on the patient\'s insurance data, then it may read the policy', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    const other = await ins.world.actor('insurer', OTHER_INSURER);
    await grantConsent(ins.world, ins.patient, OTHER_INSURER, { actions: ['view'], scope: { categories: ['insurance'] }, purpose: 'COVERAGE' });

    expect((await evaluateJson<Policy>(ins.world, other, 'Insurance:getPolicy', [policy.id])).id).toBe(policy.id);
    const listed = await evaluateJson<{ items: Policy[] }>(ins.world, other, 'Insurance:listPoliciesByPatient', [PATIENT, '10', '']);
    expect(listed.items.map((p) => p.id)).toEqual([policy.id]);
  });

  it('when applications are listed by patient and by insurer with a status filter, then each list holds those applications', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins, { id: 'app-0001' });
    await apply(ins, { id: 'app-0002' });
    await respond(ins, TERMS, PRICE, ins.insurer, 'app-0002');

    const pending = await evaluateJson<{ items: InsuranceApplication[] }>(ins.world, ins.insurer, 'Insurance:listApplicationsByInsurer', ['pending', '10', '']);
    const mine = await evaluateJson<{ items: InsuranceApplication[] }>(ins.world, ins.patient, 'Insurance:listApplicationsByPatient', [PATIENT, '', '10', '']);
    const approved = await evaluateJson<{ items: InsuranceApplication[] }>(ins.world, ins.patient, 'Insurance:listApplicationsByPatient', [PATIENT, 'approved', '10', '']);

    expect(pending.items.map((a) => a.id)).toEqual(['app-0001']);
    expect(mine.items.map((a) => a.id).sort()).toEqual(['app-0001', 'app-0002']);
    expect(approved.items.map((a) => a.id)).toEqual(['app-0002']);
    expect(await refusalCode(ins.world.ledger.evaluate(ins.patient, 'Insurance:listApplicationsByInsurer', ['', '10', '']))).toBe('ROLE_FORBIDDEN');
    expect(await refusalCode(ins.world.ledger.evaluate(ins.insurer, 'Insurance:listApplicationsByInsurer', ['lost', '10', '']))).toBe('INVALID_ARGUMENT');
  });

  it('when policies and claims are listed, then the insurer and the holder see them by status', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    await submitClaim(ins, policy.id, { id: 'clm-0001' });
    await submitClaim(ins, policy.id, { id: 'clm-0002' });
    await decide(ins, 'denied', 0);

    const policies = await evaluateJson<{ items: Policy[] }>(ins.world, ins.insurer, 'Insurance:listPoliciesByInsurer', ['10', '']);
    const submittedClaims = await evaluateJson<{ items: Claim[] }>(ins.world, ins.insurer, 'Insurance:listClaimsByInsurer', ['submitted', '10', '']);
    const byPolicy = await evaluateJson<{ items: Claim[] }>(ins.world, ins.patient, 'Insurance:listClaimsByPolicy', [policy.id, '', '10', '']);
    const denied = await evaluateJson<{ items: Claim[] }>(ins.world, ins.insurer, 'Insurance:listClaimsByPolicy', [policy.id, 'denied', '10', '']);

    expect(policies.items.map((p) => p.id)).toEqual([policy.id]);
    expect(submittedClaims.items.map((c) => c.id)).toEqual(['clm-0002']);
    expect(byPolicy.items.map((c) => c.id).sort()).toEqual(['clm-0001', 'clm-0002']);
    expect(denied.items.map((c) => c.id)).toEqual(['clm-0001']);
    expect(await refusalCode(ins.world.ledger.evaluate(ins.patient, 'Insurance:listPoliciesByInsurer', ['10', '']))).toBe('ROLE_FORBIDDEN');
  });
});
