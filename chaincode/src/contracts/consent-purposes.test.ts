import type { AccessLogEntry } from '../models/access-log-entry';
import { PURPOSE_TRANSIENT_KEY, PURPOSES } from '../contract';
import { IDS, checkAccess, createConsentWorld, grant, openBreakGlass, refusedWithoutWrite, type ConsentWorld } from '../test-support/consent';
import { grantConsent } from '../test-support/care';
import { evaluateJson } from '../test-support/world';

/**
 * Purpose of use is enforced: a grant covers an access only when the purpose the access states
 * (transient purposeOfUse, else the role's default) is the grant's; break-glass covers ETREAT only;
 * the patient and a delegate need no match. A refusal names the mismatch.
 */
let world: ConsentWorld;

beforeEach(async () => {
  world = await createConsentWorld();
});

/** The message a refused transaction failed with, after checking that it wrote nothing. */
async function refusal(promise: () => Promise<unknown>): Promise<string> {
  let message = '';
  const code = await refusedWithoutWrite(world, async () => {
    try {
      await promise();
    } catch (error) {
      message = (error as Error).message;
      throw error;
    }
  });
  return `${code} | ${message}`;
}

async function logOf(): Promise<AccessLogEntry[]> {
  return (await evaluateJson<{ items: AccessLogEntry[] }>(world, world.patient, 'AccessLog:listMine', ['50', ''])).items;
}

describe('purpose of use', () => {
  it('when an insurer holding a TREAT grant reads for its default purpose (HPAYMT), then it is refused and the refusal names both purposes', async () => {
    const created = await grant(world, world.patient, IDS.insurer, { scope: { categories: ['billing'] }, purpose: 'TREAT' });
    const message = await refusal(() => checkAccess(world, world.insurer, IDS.patient, 'view', 'billing'));
    expect(message).toMatch(/^CONSENT_REQUIRED \| /);
    expect(message).toContain(`grant ${created.id} covers TREAT; this access states HPAYMT`);
  });

  it('when the insurer states TREAT and its grant is TREAT, then it is allowed and the decision and the log entry say TREAT', async () => {
    const created = await grant(world, world.patient, IDS.insurer, { scope: { categories: ['billing'] }, purpose: 'TREAT' });
    const decision = await checkAccess(world, world.insurer, IDS.patient, 'view', 'billing', '', 'TREAT');
    expect(decision).toMatchObject({ basis: 'grant', grantId: created.id, purpose: 'TREAT' });
    expect((await logOf()).find((entry) => entry.id === decision.logEntryId)).toMatchObject({ purpose: 'TREAT', grantId: created.id });
  });

  it('when an insurer holds an HPAYMT grant, then its default purpose is covered without stating one', async () => {
    await grant(world, world.patient, IDS.insurer, { scope: { categories: ['billing'] }, purpose: 'HPAYMT' });
    expect(await checkAccess(world, world.insurer, IDS.patient, 'view', 'billing')).toMatchObject({ basis: 'grant', purpose: 'HPAYMT' });
  });

  it('when the grantee holds grants for two purposes, then each stated purpose is covered by its own grant', async () => {
    const treat = await grant(world, world.patient, IDS.doctor, { purpose: 'TREAT' });
    const research = await grant(world, world.patient, IDS.doctor, { purpose: 'HRESCH' });
    expect((await checkAccess(world, world.doctor, IDS.patient)).grantId).toBe(treat.id);
    expect((await checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', '', 'HRESCH')).grantId).toBe(research.id);
    expect(await refusal(() => checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', '', 'PUBHLTH'))).toMatch(/^CONSENT_REQUIRED .*states PUBHLTH/);
  });

  it('when a doctor with an open break-glass window states TREAT (its default), then it is refused with how to state ETREAT; stating ETREAT it is allowed', async () => {
    await openBreakGlass(world, world.doctor, IDS.patient);
    const message = await refusal(() => checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', '', 'TREAT'));
    expect(message).toMatch(/^CONSENT_REQUIRED .*break-glass bg-\S+ covers ETREAT only; this access states TREAT/);
    expect(await refusal(() => checkAccess(world, world.doctor, IDS.patient))).toMatch(/covers ETREAT only/);
    expect(await checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', '', 'ETREAT')).toMatchObject({ basis: 'break-glass', purpose: 'ETREAT' });
  });

  it('when a doctor states ETREAT without a window, then an ETREAT grant covers it and a TREAT grant does not', async () => {
    await grant(world, world.patient, IDS.doctor, { purpose: 'TREAT' });
    expect(await refusal(() => checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', '', 'ETREAT'))).toMatch(/covers TREAT; this access states ETREAT/);
    const planned = await grant(world, world.patient, IDS.doctor, { purpose: 'ETREAT' });
    expect(await checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', '', 'ETREAT')).toMatchObject({ basis: 'grant', grantId: planned.id });
  });

  it.each(PURPOSES)('when the patient reads its own data stating %s, then no grant is needed and the purpose is recorded', async (purpose) => {
    expect(await checkAccess(world, world.patient, IDS.patient, 'view', 'lab', '', purpose)).toMatchObject({ basis: 'owner', purpose });
  });

  it('when a delegate states any purpose, then no match is needed', async () => {
    await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(24 * 3600 * 1000)]);
    expect(await checkAccess(world, world.delegate, IDS.patient, 'view', 'lab', '', 'HOPERAT')).toMatchObject({ basis: 'delegate', purpose: 'HOPERAT' });
  });

  it.each(['treat', 'MARKETING', ' TREAT', '"TREAT"'])('when the stated purpose is %j (not a code), then INVALID_ARGUMENT and nothing is written', async (purpose) => {
    await grant(world, world.patient, IDS.doctor);
    expect(await refusal(() => checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', '', purpose))).toMatch(/^INVALID_ARGUMENT /);
  });

  it('when a read-only query states a purpose the grant does not cover, then the query is refused too', async () => {
    await grantConsent(world, world.patient, IDS.insurer, { actions: ['view'], scope: { categories: ['insurance'] }, purpose: 'COVERAGE' });
    const list = (transient?: Record<string, string>) => world.ledger.evaluate(world.insurer, 'Insurance:listPoliciesByPatient', [IDS.patient, '10', ''], { transient });
    expect(await refusal(() => list())).toMatch(/covers COVERAGE; this access states HPAYMT/);
    expect(JSON.parse(await list({ [PURPOSE_TRANSIENT_KEY]: 'COVERAGE' }))).toMatchObject({ items: [] });
  });
});
