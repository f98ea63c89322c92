import { DAY, EDIT_VIEW_OF_IMAGING_AND_LAB, IDS, checkAccess, consentWorldForEachTest, eventOf, grant, grantArgs, parsed, refusedWithoutWrite, type ConsentWorld, type GrantView } from '../test-support/consent';
import { PURPOSES } from '../lib/purposes';
import { patientRecord } from '../test-support/records';
import { evaluateJson, type Page } from '../test-support/world';
import * as surface from '../contract';

const world = consentWorldForEachTest();

async function delegateToHeidi(): Promise<string> {
  const result = await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(90 * DAY)]);
  return parsed(surface.delegationView, result).id;
}

describe('Consent:grant', () => {
  it('when a patient grants a verified doctor view of lab data, then the grant is stored active and a "grant" event carries IDs and times only', async () => {
    const validFrom = world.at(0);
    const validUntil = world.at(30 * DAY);
    const result = await world.ledger.submit(
      world.patient,
      'Consent:grant',
      grantArgs(world, IDS.doctor, { actions: ['view', 'edit'], scope: { categories: ['lab', 'imaging'] }, purpose: 'PATRQT', validFrom, validUntil }),
    );

    const created = parsed(surface.grantView, result);
    expect(created).toMatchObject({
      patientId: IDS.patient,
      granteeId: IDS.doctor,
      granteeRole: 'doctor',
      ...EDIT_VIEW_OF_IMAGING_AND_LAB,
      purpose: 'PATRQT',
      validFrom,
      validUntil,
      status: 'active',
      effectiveStatus: 'active',
      createdBy: IDS.patient,
      createdAt: validFrom,
    });
    expect(created.id).toMatch(/^grant-[0-9a-f]{24}$/);
    const event = eventOf(result);
    expect(event).toEqual({
      name: 'grant',
      payload: { grantId: created.id, patientId: IDS.patient, granteeId: IDS.doctor, status: 'active', validFrom, validUntil, by: IDS.patient, at: validFrom },
    });
    expect(JSON.stringify(event.payload)).not.toMatch(/second opinion|imaging|lab/);
  });

  it('when the scope lists record IDs, then the grant keeps them sorted (selective disclosure)', async () => {
    await patientRecord(world, 'rx-000001', 'prescription');
    await patientRecord(world, 'rx-000002', 'prescription');
    const created = await grant(world, world.patient, IDS.pharmacy, { scope: { recordIds: ['rx-000002', 'rx-000001'] } });
    expect(created.scope).toEqual({ recordIds: ['rx-000001', 'rx-000002'] });
  });

  it.each(['hospital', 'pharmacy', 'insurer'] as const)('when the grantee is a verified %s, then the grant is accepted', async (role) => {
    const created = await grant(world, world.patient, IDS[role]);
    expect(created.granteeRole).toBe(role);
  });

  it('when validFrom is in the future, then the grant is stored but reported as not yet valid', async () => {
    const created = await grant(world, world.patient, IDS.doctor, { validFrom: world.at(DAY), validUntil: world.at(2 * DAY) });
    expect(created.status).toBe('active');
    expect(created.effectiveStatus).toBe('not-yet-valid');
  });

  it('when a doctor calls grant, then it is refused with ROLE_FORBIDDEN and nothing is written', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Consent:grant', grantArgs(world, IDS.otherDoctor)))).toBe('ROLE_FORBIDDEN');
  });

  it('when an unregistered patient calls grant, then it is refused with NOT_REGISTERED', async () => {
    const stranger = world.identity('patient', 'pat-stranger');
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(stranger, 'Consent:grant', grantArgs(world, IDS.doctor)))).toBe('NOT_REGISTERED');
  });

  it('when a suspended patient calls grant, then it is refused with SUSPENDED', async () => {
    await world.ledger.submit(world.admin, 'Stakeholder:suspend', [IDS.patient]);
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:grant', grantArgs(world, IDS.doctor)))).toBe('SUSPENDED');
  });

  it.each([
    ['an unregistered grantee', 'doc-nobody1', 'NOT_FOUND'],
    ['an unverified grantee', IDS.pendingDoctor, 'NOT_VERIFIED'],
    ['a patient as grantee', IDS.otherPatient, 'INVALID_ARGUMENT'],
    ['the regulator as grantee (it never reads health data)', IDS.regulator, 'INVALID_ARGUMENT'],
    ['a malformed grantee ID', 'Dr Bob', 'INVALID_ARGUMENT'],
  ])('when granting to %s, then it is refused with %s', async (_label, granteeId, code) => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:grant', grantArgs(world, granteeId)))).toBe(code);
  });

  it('when the grantee is suspended, then it is refused with SUSPENDED', async () => {
    await world.ledger.submit(world.admin, 'Stakeholder:suspend', [IDS.doctor]);
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:grant', grantArgs(world, IDS.doctor)))).toBe('SUSPENDED');
  });

  describe('validation', () => {
    const cases: [string, (args: string[], w: ConsentWorld) => void][] = [
      ['actions that are not JSON', (args) => (args[1] = '[view')],
      ['an unknown action', (args) => (args[1] = '["delete"]')],
      ['no actions', (args) => (args[1] = '[]')],
      ['repeated actions', (args) => (args[1] = '["view","view"]')],
      ['actions as an object', (args) => (args[1] = '{"view":true}')],
      ['a scope that is not JSON', (args) => (args[2] = '{categories:')],
      ['a scope that is a list', (args) => (args[2] = '["lab"]')],
      ['a scope with both categories and record IDs', (args) => (args[2] = '{"categories":["lab"],"recordIds":["rx-000001"]}')],
      ['a scope with an unknown key', (args) => (args[2] = '{"everything":true}')],
      ['an unknown category', (args) => (args[2] = '{"categories":["genome"]}')],
      ['no categories', (args) => (args[2] = '{"categories":[]}')],
      ['a malformed record ID', (args) => (args[2] = '{"recordIds":["../etc"]}')],
      ['a record ID that is not a string', (args) => (args[2] = '{"recordIds":[42]}')],
      ['repeated record IDs', (args) => (args[2] = '{"recordIds":["rx-000001","rx-000001"]}')],
      ['an empty purpose', (args) => (args[3] = '   ')],
      ['a free-text purpose that would disclose a diagnosis', (args) => (args[3] = 'HIV follow-up')],
      ['a purpose code in lower case', (args) => (args[3] = 'treat')],
      ['a purpose code with spaces around it', (args) => (args[3] = ' TREAT ')],
      ['a PurposeOfUse code outside the list (marketing)', (args) => (args[3] = 'HMARKT')],
      ['validFrom that is not an instant', (args) => (args[4] = 'tomorrow')],
      ['validFrom without a zone', (args) => (args[4] = '2026-03-01T09:00:00')],
      ['an impossible validUntil', (args) => (args[5] = '2026-13-01T09:00:00Z')],
      ['validUntil in the past', (args, w) => ((args[4] = w.at(-2 * DAY)), (args[5] = w.at(-DAY)))],
      ['validUntil equal to the transaction time', (args, w) => ((args[4] = w.at(-DAY)), (args[5] = w.at(0)))],
      ['validUntil before validFrom', (args, w) => ((args[4] = w.at(2 * DAY)), (args[5] = w.at(DAY)))],
      ['a window longer than 365 days', (args, w) => (args[5] = w.at(366 * DAY))],
      ['validFrom more than 365 days ahead', (args, w) => ((args[4] = w.at(400 * DAY)), (args[5] = w.at(401 * DAY)))],
    ];
    it.each(cases)('when given %s, then it is refused with INVALID_ARGUMENT and nothing is written', async (_label, mutate) => {
      const args = grantArgs(world, IDS.doctor);
      mutate(args, world);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:grant', args))).toBe('INVALID_ARGUMENT');
    });

    it('when the purpose is any code of the closed purpose-of-use list, then the grant keeps exactly that code', async () => {
      expect(PURPOSES).toEqual(['TREAT', 'ETREAT', 'CAREMGT', 'PATRQT', 'HPAYMT', 'COVERAGE', 'HOPERAT', 'HRESCH', 'PUBHLTH']);
      for (const purpose of PURPOSES) {
        expect((await grant(world, world.patient, IDS.doctor, { purpose })).purpose).toBe(purpose);
      }
    });

    it('when the window lasts exactly 365 days, then it is accepted', async () => {
      const created = await grant(world, world.patient, IDS.doctor, { validUntil: world.at(365 * DAY) });
      expect(created.validUntil).toBe(world.at(365 * DAY));
    });
  });
});

describe('Consent:grantFor', () => {
  it('when an active delegate grants for the patient, then the grant is the patient\'s and records the delegate as creator', async () => {
    await delegateToHeidi();
    const result = await world.ledger.submit(world.delegate, 'Consent:grantFor', [IDS.patient, ...grantArgs(world, IDS.doctor)]);
    const created = parsed(surface.grantView, result);
    expect(created).toMatchObject({ patientId: IDS.patient, granteeId: IDS.doctor, createdBy: IDS.delegate, status: 'active' });
    expect(eventOf(result)).toMatchObject({ name: 'grantFor', payload: { grantId: created.id, patientId: IDS.patient, by: IDS.delegate } });
    expect((await checkAccess(world, world.doctor, IDS.patient)).basis).toBe('grant');
  });

  it('when the caller holds no delegation, then it is refused with NOT_OWNER', async () => {
    const args = [IDS.patient, ...grantArgs(world, IDS.doctor)];
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.otherPatient, 'Consent:grantFor', args))).toBe('NOT_OWNER');
  });

  it('when the delegation has been revoked, then it is refused with NOT_OWNER', async () => {
    const delegationId = await delegateToHeidi();
    await world.ledger.submit(world.patient, 'Consent:revokeDelegation', [delegationId]);
    const args = [IDS.patient, ...grantArgs(world, IDS.doctor)];
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.delegate, 'Consent:grantFor', args))).toBe('NOT_OWNER');
  });

  it('when the delegation has expired, then it is refused with NOT_OWNER', async () => {
    await delegateToHeidi();
    world.setTime(world.at(90 * DAY));
    const args = [IDS.patient, ...grantArgs(world, IDS.doctor)];
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.delegate, 'Consent:grantFor', args))).toBe('NOT_OWNER');
  });

  it('when a doctor calls grantFor, then it is refused with ROLE_FORBIDDEN', async () => {
    const args = [IDS.patient, ...grantArgs(world, IDS.otherDoctor)];
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Consent:grantFor', args))).toBe('ROLE_FORBIDDEN');
  });

  it('when the patient ID is malformed or the input invalid, then it is refused with INVALID_ARGUMENT', async () => {
    await delegateToHeidi();
    const badPatient = ['alice', ...grantArgs(world, IDS.doctor)];
    const badScope = [IDS.patient, ...grantArgs(world, IDS.doctor, { scope: { categories: ['dna'] } })];
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.delegate, 'Consent:grantFor', badPatient))).toBe('INVALID_ARGUMENT');
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.delegate, 'Consent:grantFor', badScope))).toBe('INVALID_ARGUMENT');
  });
});

describe('Consent:revoke', () => {
  it('when the patient revokes, then the grant stays readable as revoked, a "revoke" event is emitted and access ends', async () => {
    const created = await grant(world, world.patient, IDS.doctor);
    await checkAccess(world, world.doctor, IDS.patient);
    world.setTime(world.at(60 * 1000));

    const result = await world.ledger.submit(world.patient, 'Consent:revoke', [created.id]);

    const revoked = parsed(surface.grantView, result);
    expect(revoked).toMatchObject({ id: created.id, status: 'revoked', effectiveStatus: 'revoked', revokedBy: IDS.patient, revokedAt: world.at(0) });
    expect(eventOf(result)).toMatchObject({ name: 'revoke', payload: { grantId: created.id, status: 'revoked', by: IDS.patient } });
    expect((await evaluateJson<GrantView>(world, world.doctor, 'Consent:getGrant', [created.id])).status).toBe('revoked');
    expect(await refusedWithoutWrite(world, () => checkAccess(world, world.doctor, IDS.patient))).toBe('CONSENT_REQUIRED');
  });

  it('when a delegate revokes for the patient, then it is accepted', async () => {
    const created = await grant(world, world.patient, IDS.doctor);
    await delegateToHeidi();
    const revoked = parsed(surface.grantView, await world.ledger.submit(world.delegate, 'Consent:revoke', [created.id]));
    expect(revoked.revokedBy).toBe(IDS.delegate);
  });

  it.each([
    ['the grantee', 'doctor', 'ROLE_FORBIDDEN'],
    ['another patient', 'otherPatient', 'NOT_OWNER'],
  ] as const)('when %s tries to revoke, then it is refused with %s', async (_label, who, code) => {
    const created = await grant(world, world.patient, IDS.doctor);
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world[who], 'Consent:revoke', [created.id]))).toBe(code);
  });

  it('when the grant is already revoked, then it is refused with INVALID_STATE', async () => {
    const created = await grant(world, world.patient, IDS.doctor);
    await world.ledger.submit(world.patient, 'Consent:revoke', [created.id]);
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:revoke', [created.id]))).toBe('INVALID_STATE');
  });

  it('when the grant does not exist or the ID is malformed, then NOT_FOUND or INVALID_ARGUMENT', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:revoke', ['grant-000000000000000000000000']))).toBe('NOT_FOUND');
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:revoke', ['a b']))).toBe('INVALID_ARGUMENT');
  });

  it('when an unregistered patient revokes, then it is refused with NOT_REGISTERED', async () => {
    const created = await grant(world, world.patient, IDS.doctor);
    const stranger = world.identity('patient', 'pat-stranger');
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(stranger, 'Consent:revoke', [created.id]))).toBe('NOT_REGISTERED');
  });
});

describe('Consent:getGrant', () => {
  it('when the patient, the grantee or a delegate reads a grant, then each sees it', async () => {
    const created = await grant(world, world.patient, IDS.doctor);
    await delegateToHeidi();
    for (const who of [world.patient, world.doctor, world.delegate]) {
      expect((await evaluateJson<GrantView>(world, who, 'Consent:getGrant', [created.id])).id).toBe(created.id);
    }
  });

  it('when time moves past the window, then effectiveStatus is computed at transaction time without a write', async () => {
    const created = await grant(world, world.patient, IDS.doctor, { validFrom: world.at(DAY), validUntil: world.at(2 * DAY) });
    const read = async (): Promise<string> => (await evaluateJson<GrantView>(world, world.patient, 'Consent:getGrant', [created.id])).effectiveStatus;
    expect(await read()).toBe('not-yet-valid');
    world.setTime(world.at(DAY));
    expect(await read()).toBe('active');
    world.setTime(world.at(DAY));
    expect(await read()).toBe('expired');
  });

  it.each([
    ['another doctor', 'otherDoctor', 'NOT_OWNER'],
    ['the regulator', 'regulator', 'ROLE_FORBIDDEN'],
  ] as const)('when %s reads the grant, then it is refused with %s', async (_label, who, code) => {
    const created = await grant(world, world.patient, IDS.doctor);
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world[who], 'Consent:getGrant', [created.id]))).toBe(code);
  });

  it('when the grant does not exist, then it is refused with NOT_FOUND', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'Consent:getGrant', ['grant-nothing']))).toBe('NOT_FOUND');
  });
});

describe('Consent:listGrantsByPatient and listGrantsByGrantee', () => {
  it('when a patient lists its grants in pages, then every grant (revoked too) appears once', async () => {
    const first = await grant(world, world.patient, IDS.doctor);
    const second = await grant(world, world.patient, IDS.pharmacy);
    await world.ledger.submit(world.patient, 'Consent:revoke', [first.id]);
    await grant(world, world.otherPatient, IDS.doctor);

    const page1 = await evaluateJson<Page<GrantView>>(world, world.patient, 'Consent:listGrantsByPatient', [IDS.patient, '1', '']);
    const page2 = await evaluateJson<Page<GrantView>>(world, world.patient, 'Consent:listGrantsByPatient', [IDS.patient, '1', page1.bookmark]);
    const listed = [...page1.items, ...page2.items];
    expect(listed.map((g) => g.id).sort()).toEqual([first.id, second.id].sort());
    expect(listed.find((g) => g.id === first.id)?.effectiveStatus).toBe('revoked');
  });

  it('when a delegate lists the patient\'s grants, then it may; another patient is refused with NOT_OWNER', async () => {
    await grant(world, world.patient, IDS.doctor);
    await delegateToHeidi();
    expect((await evaluateJson<Page<GrantView>>(world, world.delegate, 'Consent:listGrantsByPatient', [IDS.patient, '10', ''])).items).toHaveLength(1);
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherPatient, 'Consent:listGrantsByPatient', [IDS.patient, '10', '']))).toBe(
      'NOT_OWNER',
    );
  });

  it('when listing with a bad page size or patient ID, then it is refused with INVALID_ARGUMENT', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'Consent:listGrantsByPatient', [IDS.patient, '0', '']))).toBe('INVALID_ARGUMENT');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'Consent:listGrantsByPatient', ['alice', '10', '']))).toBe('INVALID_ARGUMENT');
  });

  it('when a doctor lists grants by patient, then it is refused with ROLE_FORBIDDEN', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.doctor, 'Consent:listGrantsByPatient', [IDS.patient, '10', '']))).toBe('ROLE_FORBIDDEN');
  });

  it('when a grantee lists its grants, then it sees only grants made to it, across patients', async () => {
    const mine = await grant(world, world.patient, IDS.doctor);
    const mine2 = await grant(world, world.otherPatient, IDS.doctor);
    await grant(world, world.patient, IDS.otherDoctor);
    const page = await evaluateJson<Page<GrantView>>(world, world.doctor, 'Consent:listGrantsByGrantee', ['10', '']);
    expect(page.items.map((g) => g.id).sort()).toEqual([mine.id, mine2.id].sort());
  });

  it('when a patient or an unverified doctor lists grants by grantee, then ROLE_FORBIDDEN or NOT_VERIFIED', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'Consent:listGrantsByGrantee', ['10', '']))).toBe('ROLE_FORBIDDEN');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.pendingDoctor, 'Consent:listGrantsByGrantee', ['10', '']))).toBe('NOT_VERIFIED');
  });
});
