import type { AccessLogEntry } from '../models/access-log-entry';
import type { Claim } from '../models/claim';
import type { InsuranceApplication } from '../models/insurance-application';
import type { Policy } from '../models/policy';
import { PURPOSE_TRANSIENT_KEY } from '../contract';
import { eventPayload, grantConsent } from '../test-support/care';
import { apply, CLAIM_DETAILS, decide, insWorld, INSURER, OTHER_INSURER, PATIENT, policyHolder, PRICE, publish, respond, submitClaim, TERMS } from '../test-support/insurance';
import { evaluateJson, refusalCode, submitJson } from '../test-support/world';

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

  it('when the insurer holds the view grant submitting the claim created, then it reads the details and the patient sees it in the log', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    const { workflowGrantId: grantId } = await submitClaim(ins, policy.id);
    expect(grantId).toMatch(/^grant-/);

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

    // The grant covers COVERAGE, so the reader states it (its default, HPAYMT, is not covered).
    const forCoverage = { transient: { [PURPOSE_TRANSIENT_KEY]: 'COVERAGE' } };
    expect((JSON.parse(await ins.world.ledger.evaluate(other, 'Insurance:getPolicy', [policy.id], forCoverage)) as Policy).id).toBe(policy.id);
    const listed = JSON.parse(await ins.world.ledger.evaluate(other, 'Insurance:listPoliciesByPatient', [PATIENT, '10', ''], forCoverage)) as { items: Policy[] };
    expect(listed.items.map((p) => p.id)).toEqual([policy.id]);
    expect(await refusalCode(ins.world.ledger.evaluate(other, 'Insurance:getPolicy', [policy.id]))).toBe('CONSENT_REQUIRED');
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
