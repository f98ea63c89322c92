import { DAY, HOUR, IDS, checkAccess, createConsentWorld, eventOf, grant, openBreakGlass, parsed, refusedWithoutWrite, type ConsentWorld } from '../test-support/consent';
import { patientRecord } from '../test-support/records';
import { evaluateJson } from '../test-support/world';
import type { AccessLogEntry } from '../models/access-log-entry';
import * as surface from '../contract';

/**
 * decideAccess through Consent:checkAccess, the submitted transaction that runs the decision and
 * writes the access-log entry: every rule of the decision, and that refusals write nothing.
 */
let world: ConsentWorld;

beforeEach(async () => {
  world = await createConsentWorld();
});

async function refused(promise: () => Promise<unknown>): Promise<string> {
  return refusedWithoutWrite(world, promise);
}

describe('decideAccess', () => {
  it('when the patient accesses its own data, then the basis is "owner" and an access-log entry is written', async () => {
    const result = await world.ledger.submit(world.patient, 'Consent:checkAccess', [IDS.patient, 'edit', 'clinical-note', '']);
    const decision = parsed(surface.accessCheck, result);
    expect(decision).toMatchObject({ basis: 'owner', patientId: IDS.patient, action: 'edit', category: 'clinical-note' });
    expect(eventOf(result)).toEqual({
      name: 'checkAccess',
      payload: { logEntryId: decision.logEntryId, patientId: IDS.patient, accessorId: IDS.patient, basis: 'owner', at: decision.at },
    });
  });

  it('when a grantee reads within its grant, then the basis is "grant" with the grant ID, logged with resource and grant', async () => {
    await patientRecord(world, 'lab-000123', 'lab');
    const created = await grant(world, world.patient, IDS.doctor, { scope: { categories: ['lab'] } });
    const decision = await checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', 'lab-000123');
    expect(decision).toMatchObject({ basis: 'grant', grantId: created.id, recordId: 'lab-000123' });

    const log = await evaluateJson<{ items: AccessLogEntry[] }>(world, world.patient, 'AccessLog:listMine', ['10', '']);
    const doctorEntries = log.items.filter((entry) => entry.accessorId === IDS.doctor);
    expect(doctorEntries).toHaveLength(1);
    expect(doctorEntries[0]).toMatchObject({
      id: decision.logEntryId,
      at: decision.at,
      patientId: IDS.patient,
      accessorId: IDS.doctor,
      accessorRole: 'doctor',
      action: 'view',
      category: 'lab',
      recordId: 'lab-000123',
      resourceType: 'record',
      resourceId: 'lab-000123',
      basis: 'grant',
      grantId: created.id,
    });
  });

  it('when there is no grant at all, then CONSENT_REQUIRED and nothing is written', async () => {
    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient))).toBe('CONSENT_REQUIRED');
  });

  it('when the grant has not started yet, then CONSENT_REQUIRED until exactly validFrom', async () => {
    await grant(world, world.patient, IDS.doctor, { validFrom: world.at(HOUR), validUntil: world.at(DAY) });
    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient))).toBe('CONSENT_REQUIRED');
    world.setTime(world.at(HOUR - 1));
    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient))).toBe('CONSENT_REQUIRED');
    world.setTime(world.at(1));
    expect((await checkAccess(world, world.doctor, IDS.patient)).basis).toBe('grant');
  });

  it('when the grant has expired, then CONSENT_REQUIRED from exactly validUntil', async () => {
    await grant(world, world.patient, IDS.doctor, { validUntil: world.at(DAY) });
    world.setTime(world.at(DAY - 1));
    expect((await checkAccess(world, world.doctor, IDS.patient)).basis).toBe('grant');
    world.setTime(world.at(1));
    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient))).toBe('CONSENT_REQUIRED');
  });

  it('when the grant was revoked, then CONSENT_REQUIRED', async () => {
    const created = await grant(world, world.patient, IDS.doctor);
    await world.ledger.submit(world.patient, 'Consent:revoke', [created.id]);
    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient))).toBe('CONSENT_REQUIRED');
  });

  it('when one grant is revoked and another still covers the query, then the covering one is the basis', async () => {
    const revoked = await grant(world, world.patient, IDS.doctor);
    const kept = await grant(world, world.patient, IDS.doctor);
    await world.ledger.submit(world.patient, 'Consent:revoke', [revoked.id]);
    expect((await checkAccess(world, world.doctor, IDS.patient)).grantId).toBe(kept.id);
  });

  it('when the action is not granted (view-only grant, edit attempted), then CONSENT_REQUIRED', async () => {
    await grant(world, world.patient, IDS.doctor, { actions: ['view'] });
    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient, 'edit', 'lab'))).toBe('CONSENT_REQUIRED');
  });

  it('when the category is outside the scope, then CONSENT_REQUIRED', async () => {
    await grant(world, world.patient, IDS.doctor, { scope: { categories: ['lab', 'imaging'] } });
    expect((await checkAccess(world, world.doctor, IDS.patient, 'view', 'imaging')).basis).toBe('grant');
    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient, 'view', 'prescription'))).toBe('CONSENT_REQUIRED');
  });

  it('when the scope lists record IDs, then only those records are covered, and never a whole category', async () => {
    await patientRecord(world, 'rx-000001', 'prescription');
    await grant(world, world.patient, IDS.pharmacy, { scope: { recordIds: ['rx-000001'] } });
    expect((await checkAccess(world, world.pharmacy, IDS.patient, 'view', 'prescription', 'rx-000001')).basis).toBe('grant');
    expect(await refused(() => checkAccess(world, world.pharmacy, IDS.patient, 'view', 'prescription', 'rx-000002'))).toBe('CONSENT_REQUIRED');
    expect(await refused(() => checkAccess(world, world.pharmacy, IDS.patient, 'view', 'prescription', ''))).toBe('CONSENT_REQUIRED');
  });

  it('when a check names a record of the patient in another category, or no record at all, then it is refused with NOT_FOUND and nothing is logged', async () => {
    await patientRecord(world, 'img-000001', 'imaging');
    await grant(world, world.patient, IDS.doctor, { scope: { categories: ['lab', 'imaging'] } });

    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', 'img-000001'))).toBe('NOT_FOUND');
    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', 'lab-missing1'))).toBe('NOT_FOUND');
    expect((await checkAccess(world, world.doctor, IDS.patient, 'view', 'imaging', 'img-000001')).basis).toBe('grant');
  });

  it('when a professional without consent checks a record ID, then the answer is CONSENT_REQUIRED whether or not the patient has that record', async () => {
    await patientRecord(world, 'lab-000001', 'lab');

    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', 'lab-000001'))).toBe('CONSENT_REQUIRED');
    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', 'lab-missing1'))).toBe('CONSENT_REQUIRED');
  });

  it('when another professional holds the grant, then this one is refused with CONSENT_REQUIRED', async () => {
    await grant(world, world.patient, IDS.doctor);
    expect(await refused(() => checkAccess(world, world.otherDoctor, IDS.patient))).toBe('CONSENT_REQUIRED');
  });

  it('when the grant is for another patient, then it does not cover this patient', async () => {
    await grant(world, world.otherPatient, IDS.doctor);
    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient))).toBe('CONSENT_REQUIRED');
  });

  it('when another patient (not a delegate) accesses, then CONSENT_REQUIRED', async () => {
    expect(await refused(() => checkAccess(world, world.otherPatient, IDS.patient))).toBe('CONSENT_REQUIRED');
  });

  it('when a delegate in force accesses, then the basis is "delegate"; after revocation it is refused', async () => {
    const delegation = parsed(surface.delegationView, await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(DAY)]));
    expect(await checkAccess(world, world.delegate, IDS.patient, 'edit', 'appointment')).toMatchObject({ basis: 'delegate', delegationId: delegation.id });
    await world.ledger.submit(world.patient, 'Consent:revokeDelegation', [delegation.id]);
    expect(await refused(() => checkAccess(world, world.delegate, IDS.patient))).toBe('CONSENT_REQUIRED');
  });

  it('when a doctor has an open break-glass window, then viewing is allowed with basis "break-glass" but editing is not', async () => {
    const opened = parsed(surface.breakGlassView, await openBreakGlass(world, world.doctor, IDS.patient));
    expect(await checkAccess(world, world.doctor, IDS.patient, 'view', 'clinical-note', '', 'ETREAT')).toMatchObject({ basis: 'break-glass', breakGlassId: opened.id, purpose: 'ETREAT' });
    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient, 'edit', 'clinical-note', '', 'ETREAT'))).toBe('CONSENT_REQUIRED');
  });

  it('when a doctor has both a grant and break-glass, then the grant is the basis (consent first)', async () => {
    const created = await grant(world, world.patient, IDS.doctor);
    await openBreakGlass(world, world.doctor, IDS.patient);
    expect((await checkAccess(world, world.doctor, IDS.patient)).grantId).toBe(created.id);
  });

  it.each([
    ['regulator', 'ROLE_FORBIDDEN'],
    ['pendingDoctor', 'NOT_VERIFIED'],
  ] as const)('when the %s checks access, then it is refused with %s', async (who, code) => {
    expect(await refused(() => checkAccess(world, world[who], IDS.patient))).toBe(code);
  });

  it('when an admin checks access, then it is refused with ROLE_FORBIDDEN', async () => {
    expect(await refused(() => checkAccess(world, world.admin, IDS.patient))).toBe('ROLE_FORBIDDEN');
  });

  it('when an unregistered doctor checks access, then it is refused with NOT_REGISTERED', async () => {
    expect(await refused(() => checkAccess(world, world.identity('doctor', 'doc-ghost01'), IDS.patient))).toBe('NOT_REGISTERED');
  });

  it('when the grantee has been suspended, then it is refused with SUSPENDED despite its grant', async () => {
    await grant(world, world.patient, IDS.doctor);
    await world.ledger.submit(world.admin, 'Stakeholder:suspend', [IDS.doctor]);
    expect(await refused(() => checkAccess(world, world.doctor, IDS.patient))).toBe('SUSPENDED');
  });

  it.each([
    ['a malformed patient ID', ['alice', 'view', 'lab', '']],
    ['an unknown action', [IDS.patient, 'delete', 'lab', '']],
    ['an unknown category', [IDS.patient, 'view', 'genome', '']],
    ['a malformed record ID', [IDS.patient, 'view', 'lab', 'a/b']],
  ])('when given %s, then it is refused with INVALID_ARGUMENT', async (_label, args) => {
    expect(await refused(() => world.ledger.submit(world.patient, 'Consent:checkAccess', args))).toBe('INVALID_ARGUMENT');
  });
});
