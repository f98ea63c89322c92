import type { AccessLogEntry } from '../models/access-log-entry';
import { CLAIM_DETAILS_TYPE, CLAIM_TYPE, type Claim } from '../models/claim';
import type { Policy } from '../models/policy';
import { advanceDays, daysFromNow, eventPayload, grantConsent, privateState, publicState, suspend } from '../test-support/care';
import { refusedWithoutWrite } from '../test-support/consent';
import { claimArgs, CLAIM_DETAILS, COVERAGE, decide, HOSPITAL, insWorld, INSURER, INVOICE, OTHER_INSURER, PATIENT, policyHolder, submitClaim, type ClaimOptions, type Ins } from '../test-support/insurance';
import { evaluateJson, refusalCode, submitJson } from '../test-support/world';

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
    expect(privateState(ins.world, CLAIM_DETAILS_TYPE, ['clm-0001'])).toEqual({
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
    expect(await refusedWithoutWrite(ins.world, () => submitClaim(ins, policy.id, { by: hospital }))).toBe('CONSENT_REQUIRED');
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

    expect(await refusedWithoutWrite(ins.world, () => submitClaim(ins, policy.id, options))).toBe('INVALID_ARGUMENT');
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

    expect(await refusedWithoutWrite(ins.world, () => decide(ins, decision, amount))).toBe('INVALID_ARGUMENT');
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
