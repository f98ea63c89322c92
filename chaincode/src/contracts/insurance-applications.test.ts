import { insuranceApplication, type InsuranceApplication } from '../contract';
import { APPLICATION_TYPE } from '../models/insurance-application';
import type { Policy } from '../models/policy';
import { advanceDays, daysFromNow, eventPayload, expectStepTaken, publicObject, publicState, suspend } from '../test-support/care';
import { refusedWithoutWrite } from '../test-support/consent';
import { apply, insWorld, INSURER, NEW_TERMS, OTHER_INSURER, packageArgs, PATIENT, PRICE, publish, respond, TERMS, type ApplyOptions } from '../test-support/insurance';
import { evaluateJson, refusalCode, submitJson } from '../test-support/world';

describe('Insurance:apply', () => {
  it('when a patient applies for the latest version with its terms hash, then the terms and price are locked', async () => {
    const ins = await insWorld();
    await publish(ins);
    const deadline = daysFromNow(ins.world, 7);

    const result = await ins.world.ledger.submit(ins.patient, 'Insurance:apply', ['app-0001', 'pkg-basic', '1', TERMS, deadline, '']);

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

    expect(await refusedWithoutWrite(ins.world, () => apply(ins, { terms: NEW_TERMS }))).toBe('HASH_MISMATCH');
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
    expect(publicObject(ins.world, insuranceApplication, APPLICATION_TYPE, ['app-0001'])?.status).toBe('rejected');
  });

  it('when the deadline has passed, then the answer is refused and nothing is written', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins, { deadline: daysFromNow(ins.world, 2) });
    advanceDays(ins.world, 2);

    expect(await refusedWithoutWrite(ins.world, () => respond(ins))).toBe('DEADLINE_PASSED');
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

    expectStepTaken(ins.world, result, 'withdraw', 'withdrawn');
  });

  it('when the deadline has not passed, then withdrawing is refused', async () => {
    const ins = await insWorld();
    await publish(ins);
    await apply(ins, { deadline: daysFromNow(ins.world, 3) });
    advanceDays(ins.world, 2);

    expect(await refusedWithoutWrite(ins.world, () => ins.world.ledger.submit(ins.patient, 'Insurance:withdraw', ['app-0001']))).toBe('DEADLINE_NOT_REACHED');
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
