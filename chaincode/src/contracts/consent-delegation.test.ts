import { DAY, IDS, checkAccess, consentWorldForEachTest, eventOf, grant, grantArgs, ONE_SHOT_DECISION_REFUSALS, oneShotDecisionRefusals, parsed, refusedWithoutWrite, type GrantView } from '../test-support/consent';
import { evaluateJson } from '../test-support/world';
import * as surface from '../contract';

interface DelegationView {
  id: string;
  patientId: string;
  delegateId: string;
  validFrom: string;
  validUntil: string;
  status: string;
  effectiveStatus: string;
  revokedBy?: string;
}

const world = consentWorldForEachTest();

async function delegate(validUntil = world.at(30 * DAY)): Promise<DelegationView> {
  return parsed(surface.delegationView, await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, validUntil]));
}

describe('Consent:grantDelegation', () => {
  it('when a patient delegates to a registered person, then the delegation is active and a "grantDelegation" event is emitted', async () => {
    const until = world.at(30 * DAY);
    const result = await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, until]);
    const created = parsed(surface.delegationView, result);
    expect(created).toMatchObject({ patientId: IDS.patient, delegateId: IDS.delegate, validFrom: world.at(0), validUntil: until, status: 'active', effectiveStatus: 'active' });
    expect(eventOf(result)).toEqual({
      name: 'grantDelegation',
      payload: { delegationId: created.id, patientId: IDS.patient, delegateId: IDS.delegate, status: 'active', validUntil: until, at: world.at(0) },
    });
  });

  it('when the delegate acts, then it may check access, grant, revoke, list grants and read the access log for the patient', async () => {
    await delegate();
    expect((await checkAccess(world, world.delegate, IDS.patient, 'view', 'billing')).basis).toBe('delegate');
    const created = parsed(surface.grantView, await world.ledger.submit(world.delegate, 'Consent:grantFor', [IDS.patient, ...grantArgs(world, IDS.doctor)]));
    const listed = await evaluateJson<{ items: GrantView[] }>(world, world.delegate, 'Consent:listGrantsByPatient', [IDS.patient, '10', '']);
    expect(listed.items.map((g) => g.id)).toEqual([created.id]);
    expect((await evaluateJson<{ items: unknown[] }>(world, world.delegate, 'AccessLog:listForPatient', [IDS.patient, '10', ''])).items).toHaveLength(1);
    expect(parsed(surface.grantView, await world.ledger.submit(world.delegate, 'Consent:revoke', [created.id])).status).toBe('revoked');
  });

  it('when the delegate grants for the patient with a free-text purpose, then it is refused with INVALID_ARGUMENT and nothing is written', async () => {
    await delegate();
    const args = [IDS.patient, ...grantArgs(world, IDS.doctor, { purpose: 'HIV follow-up' })];
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.delegate, 'Consent:grantFor', args))).toBe('INVALID_ARGUMENT');
  });

  it('when a doctor delegates, then it is refused with ROLE_FORBIDDEN and nothing is written', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Consent:grantDelegation', [IDS.delegate, world.at(DAY)]))).toBe('ROLE_FORBIDDEN');
  });

  it.each([
    ['the patient itself', () => [IDS.patient, world.at(DAY)], 'INVALID_ARGUMENT'],
    ['a doctor (delegates are persons registered as patients)', () => [IDS.doctor, world.at(DAY)], 'INVALID_ARGUMENT'],
    ['an unregistered person', () => ['pat-nobody1', world.at(DAY)], 'NOT_FOUND'],
    ['a malformed ID', () => ['heidi', world.at(DAY)], 'INVALID_ARGUMENT'],
    ['a validUntil in the past', () => [IDS.delegate, world.at(-1)], 'INVALID_ARGUMENT'],
    ['a malformed validUntil', () => [IDS.delegate, 'next week'], 'INVALID_ARGUMENT'],
    ['a validUntil beyond 365 days', () => [IDS.delegate, world.at(366 * DAY)], 'INVALID_ARGUMENT'],
  ] as const)('when delegating to %s, then it is refused with %s', async (_label, args, code) => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:grantDelegation', [...args()]))).toBe(code);
  });

  it('when the delegate is suspended, then it is refused with SUSPENDED', async () => {
    await world.ledger.submit(world.admin, 'Stakeholder:suspend', [IDS.delegate]);
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(DAY)]))).toBe('SUSPENDED');
  });

  it('when a delegation to the same person is in force, then a second is refused with ALREADY_EXISTS; after it expires a new one is allowed', async () => {
    await delegate(world.at(DAY));
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(2 * DAY)]))).toBe(
      'ALREADY_EXISTS',
    );
    world.setTime(world.at(DAY));
    expect((await delegate(world.at(DAY))).status).toBe('active');
  });
});

describe('Consent:revokeDelegation', () => {
  it('when the patient revokes, then a "revokeDelegation" event is emitted and the delegate is refused afterwards', async () => {
    const created = await delegate();
    const result = await world.ledger.submit(world.patient, 'Consent:revokeDelegation', [created.id]);
    expect(parsed(surface.delegationView, result)).toMatchObject({ status: 'revoked', effectiveStatus: 'revoked', revokedBy: IDS.patient });
    expect(eventOf(result)).toEqual({
      name: 'revokeDelegation',
      payload: { delegationId: created.id, patientId: IDS.patient, delegateId: IDS.delegate, status: 'revoked', by: IDS.patient, at: world.at(0) },
    });
    expect(await refusedWithoutWrite(world, () => checkAccess(world, world.delegate, IDS.patient))).toBe('CONSENT_REQUIRED');
    const grantFor = [IDS.patient, ...grantArgs(world, IDS.doctor)];
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.delegate, 'Consent:grantFor', grantFor))).toBe('NOT_OWNER');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.delegate, 'AccessLog:listForPatient', [IDS.patient, '10', '']))).toBe('NOT_OWNER');
  });

  it('when the delegate steps down, then it is accepted; a new delegation can follow', async () => {
    const created = await delegate();
    expect(parsed(surface.delegationView, await world.ledger.submit(world.delegate, 'Consent:revokeDelegation', [created.id])).revokedBy).toBe(IDS.delegate);
    expect((await delegate()).status).toBe('active');
  });

  it('when a delegate revokes a grant after losing the delegation, then it is refused with NOT_OWNER', async () => {
    const created = await delegate();
    const granted = await grant(world, world.patient, IDS.doctor);
    await world.ledger.submit(world.patient, 'Consent:revokeDelegation', [created.id]);
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.delegate, 'Consent:revoke', [granted.id]))).toBe('NOT_OWNER');
  });

  it('when a third person, a doctor, a repeated revocation or an unknown ID, then NOT_OWNER, ROLE_FORBIDDEN, INVALID_STATE, NOT_FOUND', async () => {
    const created = await delegate();
    expect(await oneShotDecisionRefusals(world, 'Consent:revokeDelegation', created.id, { nonPatient: world.doctor, unknownId: 'dlg-unknown' })).toEqual(
      ONE_SHOT_DECISION_REFUSALS,
    );
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:revokeDelegation', ['?']))).toBe('INVALID_ARGUMENT');
  });

  it('when a delegation expires, then the delegate is refused without any status change', async () => {
    const created = await delegate(world.at(DAY));
    world.setTime(world.at(DAY));
    expect(await refusedWithoutWrite(world, () => checkAccess(world, world.delegate, IDS.patient))).toBe('CONSENT_REQUIRED');
    expect((await evaluateJson<DelegationView>(world, world.patient, 'Consent:getDelegation', [created.id])).effectiveStatus).toBe('expired');
  });
});

describe('Consent:getDelegation and lists', () => {
  it('when the patient or the delegate reads a delegation, then each sees it; others get NOT_OWNER', async () => {
    const created = await delegate();
    for (const who of [world.patient, world.delegate]) {
      expect((await evaluateJson<DelegationView>(world, who, 'Consent:getDelegation', [created.id])).id).toBe(created.id);
    }
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherPatient, 'Consent:getDelegation', [created.id]))).toBe('NOT_OWNER');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.doctor, 'Consent:getDelegation', [created.id]))).toBe('ROLE_FORBIDDEN');
  });

  it('when the patient and the delegate list delegations, then each sees its side', async () => {
    const created = await delegate();
    const given = await evaluateJson<{ items: DelegationView[] }>(world, world.patient, 'Consent:listDelegationsByPatient', ['10', '']);
    const held = await evaluateJson<{ items: DelegationView[] }>(world, world.delegate, 'Consent:listDelegationsByDelegate', ['10', '']);
    expect(given.items.map((d) => d.id)).toEqual([created.id]);
    expect(held.items.map((d) => d.id)).toEqual([created.id]);
    expect((await evaluateJson<{ items: DelegationView[] }>(world, world.delegate, 'Consent:listDelegationsByPatient', ['10', ''])).items).toEqual([]);
  });
});
