import type { PublishedPackage } from '../models/insurance-package';
import { eventPayload, suspend } from '../test-support/care';
import { refusedWithoutWrite } from '../test-support/consent';
import { apply, COVERAGE, insWorld, INSURER, NEW_TERMS, OTHER_INSURER, packageArgs, PRICE, publish, TERMS, type PackageOptions } from '../test-support/insurance';
import { evaluateJson, refusalCode } from '../test-support/world';

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

    expect(await refusedWithoutWrite(ins.world, () => publish(ins, options))).toBe('INVALID_ARGUMENT');
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
