import { DAY, EDIT_VIEW_OF_IMAGING_AND_LAB, IDS, checkAccess, consentWorldForEachTest, eventOf, ONE_SHOT_DECISION_REFUSALS, oneShotDecisionRefusals, parsed, refusedWithoutWrite, type RequestView } from '../test-support/consent';
import { patientRecord } from '../test-support/records';
import { evaluateJson, type Page } from '../test-support/world';
import * as surface from '../contract';

const world = consentWorldForEachTest();

function requestArgs(options: { patientId?: string; actions?: string; scope?: string; purpose?: string; validUntil?: string } = {}): string[] {
  return [
    options.patientId ?? IDS.patient,
    options.actions ?? '["edit","view"]',
    options.scope ?? '{"categories":["imaging","lab"]}',
    options.purpose ?? 'TREAT',
    options.validUntil ?? world.at(30 * DAY),
  ];
}

async function request(who = world.doctor, options: Parameters<typeof requestArgs>[0] = {}): Promise<RequestView> {
  return parsed(surface.accessRequestView, await world.ledger.submit(who, 'Consent:requestAccess', requestArgs(options)));
}

describe('Consent:requestAccess', () => {
  it('when a verified doctor asks a patient, then a pending request is stored and a "requestAccess" event carries IDs only', async () => {
    const result = await world.ledger.submit(world.doctor, 'Consent:requestAccess', requestArgs());
    const created = parsed(surface.accessRequestView, result);
    expect(created).toMatchObject({
      patientId: IDS.patient,
      requesterId: IDS.doctor,
      requesterRole: 'doctor',
      ...EDIT_VIEW_OF_IMAGING_AND_LAB,
      purpose: 'TREAT',
      status: 'pending',
      effectiveStatus: 'pending',
    });
    expect(eventOf(result)).toEqual({
      name: 'requestAccess',
      payload: { requestId: created.id, patientId: IDS.patient, requesterId: IDS.doctor, status: 'pending', by: IDS.doctor, at: world.at(0) },
    });
  });

  it.each(['hospital', 'pharmacy', 'insurer'] as const)('when a verified %s asks, then the request is accepted', async (role) => {
    expect((await request(world[role])).requesterRole).toBe(role);
  });

  it.each([
    ['patient', 'ROLE_FORBIDDEN'],
    ['regulator', 'ROLE_FORBIDDEN'],
    ['pendingDoctor', 'NOT_VERIFIED'],
  ] as const)('when the %s asks, then it is refused with %s and nothing is written', async (who, code) => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world[who], 'Consent:requestAccess', requestArgs()))).toBe(code);
  });

  it('when an unregistered doctor asks, then it is refused with NOT_REGISTERED', async () => {
    const ghost = world.identity('doctor', 'doc-ghost01');
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(ghost, 'Consent:requestAccess', requestArgs()))).toBe('NOT_REGISTERED');
  });

  it('when a suspended doctor asks, then it is refused with SUSPENDED', async () => {
    await world.ledger.submit(world.admin, 'Stakeholder:suspend', [IDS.doctor]);
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Consent:requestAccess', requestArgs()))).toBe('SUSPENDED');
  });

  it('when the patient does not exist or is not a patient, then NOT_FOUND or INVALID_ARGUMENT', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Consent:requestAccess', requestArgs({ patientId: 'pat-nobody1' })))).toBe(
      'NOT_FOUND',
    );
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Consent:requestAccess', requestArgs({ patientId: IDS.otherDoctor })))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it.each([
    ['a malformed patient ID', { patientId: 'Alice' }],
    ['actions that are not JSON', { actions: 'view' }],
    ['a scope that is not JSON', { scope: '{' }],
    ['an unknown category', { scope: '{"categories":["dna"]}' }],
    ['an empty purpose', { purpose: '' }],
    ['a free-text purpose', { purpose: 'HIV follow-up' }],
    ['a purpose code outside the list', { purpose: 'HMARKT' }],
    ['a validUntil that is not an instant', { validUntil: '31/12/2026' }],
    ['a validUntil in the past', { validUntil: '2026-01-01T00:00:00Z' }],
    ['a validUntil beyond 365 days', { validUntil: '2027-03-02T09:00:00Z' }],
  ])('when given %s, then it is refused with INVALID_ARGUMENT', async (_label, options) => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Consent:requestAccess', requestArgs(options)))).toBe('INVALID_ARGUMENT');
  });
});

describe('Consent:approveRequest', () => {
  it('when the patient approves in full, then a grant from now until the requested end exists and the request is approved', async () => {
    const asked = await request();
    world.setTime(world.at(DAY));

    const result = await world.ledger.submit(world.patient, 'Consent:approveRequest', [asked.id, '["edit","view"]', '{"categories":["imaging","lab"]}', asked.validUntil]);

    const created = parsed(surface.grantView, result);
    expect(created).toMatchObject({
      patientId: IDS.patient,
      granteeId: IDS.doctor,
      ...EDIT_VIEW_OF_IMAGING_AND_LAB,
      purpose: 'TREAT',
      validFrom: world.at(0),
      validUntil: asked.validUntil,
      requestId: asked.id,
      createdBy: IDS.patient,
      status: 'active',
    });
    expect(eventOf(result)).toEqual({
      name: 'approveRequest',
      payload: { requestId: asked.id, grantId: created.id, patientId: IDS.patient, requesterId: IDS.doctor, status: 'approved', by: IDS.patient, at: world.at(0), validUntil: created.validUntil },
    });
    const after = await evaluateJson<RequestView>(world, world.doctor, 'Consent:getRequest', [asked.id]);
    expect(after).toMatchObject({ status: 'approved', grantId: created.id, decidedBy: IDS.patient });
    expect((await checkAccess(world, world.doctor, IDS.patient, 'edit', 'imaging')).grantId).toBe(created.id);
  });

  it('when the patient approves in part, then the grant covers only the approved subset and shorter window', async () => {
    const asked = await request();
    const until = world.at(7 * DAY);
    const created = parsed(surface.grantView, await world.ledger.submit(world.patient, 'Consent:approveRequest', [asked.id, '["view"]', '{"categories":["lab"]}', until]));
    expect(created).toMatchObject({ actions: ['view'], scope: { categories: ['lab'] }, validUntil: until });
    expect((await checkAccess(world, world.doctor, IDS.patient, 'view', 'lab')).basis).toBe('grant');
    expect(await refusedWithoutWrite(world, () => checkAccess(world, world.doctor, IDS.patient, 'edit', 'lab'))).toBe('CONSENT_REQUIRED');
    expect(await refusedWithoutWrite(world, () => checkAccess(world, world.doctor, IDS.patient, 'view', 'imaging'))).toBe('CONSENT_REQUIRED');
  });

  it('when a request for records is approved for some of them, then only those records are granted', async () => {
    await patientRecord(world, 'rx-000002', 'prescription');
    const asked = await request(world.pharmacy, { actions: '["view"]', scope: '{"recordIds":["rx-000001","rx-000002"]}' });
    const created = parsed(surface.grantView, await world.ledger.submit(world.patient, 'Consent:approveRequest', [asked.id, '["view"]', '{"recordIds":["rx-000002"]}', asked.validUntil]));
    expect(created.scope).toEqual({ recordIds: ['rx-000002'] });
  });

  it.each([
    ['an action that was not requested', '["edit"]', '{"recordIds":["rx-000001"]}'],
    ['a record that was not requested', '["view"]', '{"recordIds":["rx-000009"]}'],
    ['categories instead of the requested records', '["view"]', '{"categories":["prescription"]}'],
  ])('when approving %s for a record request, then it is refused with INVALID_ARGUMENT and nothing is written', async (_label, actions, scope) => {
    const asked = await request(world.pharmacy, { actions: '["view"]', scope: '{"recordIds":["rx-000001"]}' });
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:approveRequest', [asked.id, actions, scope, asked.validUntil]))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it.each([
    ['a category that was not requested', '["view"]', '{"categories":["lab","prescription"]}'],
    ['record IDs instead of the requested categories', '["view"]', '{"recordIds":["lab-000001"]}'],
    ['an action that was not requested', '["edit","view"]', '{"categories":["lab"]}'],
  ])('when approving beyond the request with %s, then it is refused with INVALID_ARGUMENT', async (_label, actions, scope) => {
    const asked = await request(world.doctor, { actions: '["view"]' });
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:approveRequest', [asked.id, actions, scope, asked.validUntil]))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('when approving a validUntil later than requested, then it is refused with INVALID_ARGUMENT', async () => {
    const asked = await request(world.doctor, { validUntil: world.at(10 * DAY) });
    const args = [asked.id, '["view"]', '{"categories":["lab"]}', world.at(11 * DAY)];
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:approveRequest', args))).toBe('INVALID_ARGUMENT');
  });

  it('when approving with a validUntil in the past or malformed input, then it is refused with INVALID_ARGUMENT', async () => {
    const asked = await request();
    for (const args of [
      [asked.id, '["view"]', '{"categories":["lab"]}', world.at(-DAY)],
      [asked.id, 'view', '{"categories":["lab"]}', asked.validUntil],
      [asked.id, '["view"]', 'lab', asked.validUntil],
      [asked.id, '["view"]', '{"categories":["lab"]}', 'soon'],
      ['bad id!', '["view"]', '{"categories":["lab"]}', asked.validUntil],
    ]) {
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:approveRequest', args))).toBe('INVALID_ARGUMENT');
    }
  });

  it('when a delegate approves, then the grant records the delegate as creator', async () => {
    await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(60 * DAY)]);
    const asked = await request();
    const created = parsed(surface.grantView, await world.ledger.submit(world.delegate, 'Consent:approveRequest', [asked.id, '["view"]', '{"categories":["lab"]}', asked.validUntil]));
    expect(created).toMatchObject({ patientId: IDS.patient, createdBy: IDS.delegate });
  });

  it('when another patient approves, then it is refused with NOT_OWNER; the requester itself gets ROLE_FORBIDDEN', async () => {
    const asked = await request();
    const args = [asked.id, '["view"]', '{"categories":["lab"]}', asked.validUntil];
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.otherPatient, 'Consent:approveRequest', args))).toBe('NOT_OWNER');
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Consent:approveRequest', args))).toBe('ROLE_FORBIDDEN');
  });

  it('when the request was already approved or denied, then it is refused with INVALID_STATE', async () => {
    const approved = await request();
    const denied = await request(world.hospital);
    await world.ledger.submit(world.patient, 'Consent:approveRequest', [approved.id, '["view"]', '{"categories":["lab"]}', approved.validUntil]);
    await world.ledger.submit(world.patient, 'Consent:denyRequest', [denied.id]);
    for (const asked of [approved, denied]) {
      const args = [asked.id, '["view"]', '{"categories":["lab"]}', asked.validUntil];
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:approveRequest', args))).toBe('INVALID_STATE');
    }
  });

  it('when the requested end has passed, then approval is refused with DEADLINE_PASSED', async () => {
    const asked = await request(world.doctor, { validUntil: world.at(DAY) });
    world.setTime(world.at(DAY));
    expect((await evaluateJson<RequestView>(world, world.patient, 'Consent:getRequest', [asked.id])).effectiveStatus).toBe('expired');
    const args = [asked.id, '["view"]', '{"categories":["lab"]}', asked.validUntil];
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:approveRequest', args))).toBe('DEADLINE_PASSED');
  });

  it('when the requester was suspended meanwhile, then approval is refused with SUSPENDED', async () => {
    const asked = await request();
    await world.ledger.submit(world.admin, 'Stakeholder:suspend', [IDS.doctor]);
    const args = [asked.id, '["view"]', '{"categories":["lab"]}', asked.validUntil];
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:approveRequest', args))).toBe('SUSPENDED');
  });

  it('when the request does not exist, then it is refused with NOT_FOUND', async () => {
    const args = ['req-000000000000000000000000', '["view"]', '{"categories":["lab"]}', world.at(DAY)];
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Consent:approveRequest', args))).toBe('NOT_FOUND');
  });
});

describe('Consent:denyRequest', () => {
  it('when the patient denies, then the request is denied, a "denyRequest" event is emitted and no grant exists', async () => {
    const asked = await request();
    const result = await world.ledger.submit(world.patient, 'Consent:denyRequest', [asked.id]);
    expect(parsed(surface.accessRequestView, result)).toMatchObject({ status: 'denied', decidedBy: IDS.patient });
    expect(eventOf(result)).toMatchObject({ name: 'denyRequest', payload: { requestId: asked.id, status: 'denied', by: IDS.patient } });
    expect(await refusedWithoutWrite(world, () => checkAccess(world, world.doctor, IDS.patient))).toBe('CONSENT_REQUIRED');
  });

  it('when a delegate denies, then it is accepted', async () => {
    await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(60 * DAY)]);
    const asked = await request();
    expect(parsed(surface.accessRequestView, await world.ledger.submit(world.delegate, 'Consent:denyRequest', [asked.id])).decidedBy).toBe(IDS.delegate);
  });

  it('when another patient, the requester, a repeated denial or an unknown ID, then NOT_OWNER, ROLE_FORBIDDEN, INVALID_STATE, NOT_FOUND', async () => {
    const asked = await request();
    expect(await oneShotDecisionRefusals(world, 'Consent:denyRequest', asked.id, { nonPatient: world.doctor, unknownId: 'req-unknown' })).toEqual(ONE_SHOT_DECISION_REFUSALS);
  });
});

describe('Consent:getRequest and lists', () => {
  it('when the requester, the patient or a delegate reads a request, then each sees it; another doctor gets NOT_OWNER', async () => {
    await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(60 * DAY)]);
    const asked = await request();
    for (const who of [world.doctor, world.patient, world.delegate]) {
      expect((await evaluateJson<RequestView>(world, who, 'Consent:getRequest', [asked.id])).id).toBe(asked.id);
    }
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherDoctor, 'Consent:getRequest', [asked.id]))).toBe('NOT_OWNER');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.regulator, 'Consent:getRequest', [asked.id]))).toBe('ROLE_FORBIDDEN');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'Consent:getRequest', ['req-unknown']))).toBe('NOT_FOUND');
  });

  it('when the patient lists its requests, then they come oldest first, page by page', async () => {
    const first = await request(world.doctor);
    world.setTime(world.at(1000));
    const second = await request(world.insurer);
    await request(world.doctor, { patientId: IDS.otherPatient });

    const page1 = await evaluateJson<Page<RequestView>>(world, world.patient, 'Consent:listRequestsByPatient', [IDS.patient, '1', '']);
    const page2 = await evaluateJson<Page<RequestView>>(world, world.patient, 'Consent:listRequestsByPatient', [IDS.patient, '1', page1.bookmark]);
    expect([...page1.items, ...page2.items].map((r) => r.id)).toEqual([first.id, second.id]);
  });

  it('when another patient lists them, then NOT_OWNER; a doctor gets ROLE_FORBIDDEN', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherPatient, 'Consent:listRequestsByPatient', [IDS.patient, '10', '']))).toBe(
      'NOT_OWNER',
    );
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.doctor, 'Consent:listRequestsByPatient', [IDS.patient, '10', '']))).toBe(
      'ROLE_FORBIDDEN',
    );
  });

  it('when a professional lists its own requests, then it sees only its own', async () => {
    const mine = await request(world.doctor);
    await request(world.insurer);
    const page = await evaluateJson<Page<RequestView>>(world, world.doctor, 'Consent:listRequestsByRequester', ['10', '']);
    expect(page.items.map((r) => r.id)).toEqual([mine.id]);
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'Consent:listRequestsByRequester', ['10', '']))).toBe('ROLE_FORBIDDEN');
  });
});
