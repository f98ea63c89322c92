import type { AccessLogEntry } from '../models/access-log-entry';
import { DAY, HOUR, IDS, MINUTE, checkAccess, createConsentWorld, grant, openBreakGlass, refusedWithoutWrite, type ConsentWorld } from '../test-support/consent';
import { evaluateJson, type Page } from '../test-support/world';

interface Stats {
  day: string;
  total: number;
  byBasis: Record<string, number>;
  byAccessorRole: Record<string, number>;
}

let world: ConsentWorld;

beforeEach(async () => {
  world = await createConsentWorld();
});

/** An appointment the patient books with the doctor: a record a check can name, whose booking writes no log entry. */
/** Books an appointment with the doctor; returns the grant booking gave the doctor on it. */
async function appointment(id: string): Promise<string> {
  const booked = await world.ledger.submit(world.patient, 'Appointment:book', [id, IDS.doctor, world.at(DAY), world.at(DAY + HOUR)], {
    transient: { appointment: JSON.stringify({ reason: 'check-up' }) },
  });
  return String((JSON.parse(booked.payload) as { workflowGrantId?: string }).workflowGrantId);
}

/** Day one (2026-03-01): an owner read, two grant reads of records, a break-glass read. Day two: one grant read. */
async function someTraffic(): Promise<{ grantId: string }> {
  // The doctor's reads of a booked appointment run under the grant booking created (the first in key order).
  const bookingGrantId = await appointment('apt-000001');
  await appointment('apt-000002');
  const created = await grant(world, world.patient, IDS.doctor, { scope: { categories: ['lab', 'appointment'] }, validUntil: world.at(30 * DAY) });
  await checkAccess(world, world.patient, IDS.patient, 'view', 'lab');
  await checkAccess(world, world.doctor, IDS.patient, 'view', 'appointment', 'apt-000001');
  world.setTime(world.at(HOUR));
  await checkAccess(world, world.doctor, IDS.patient, 'view', 'appointment', 'apt-000002');
  // Entries of one instant are ordered by their IDs (from transaction IDs); a minute apart, the order is the story's.
  world.setTime(world.at(MINUTE));
  await openBreakGlass(world, world.otherDoctor, IDS.patient);
  await checkAccess(world, world.otherDoctor, IDS.patient, 'view', 'imaging', '', 'ETREAT');
  world.setTime(world.at(DAY));
  await checkAccess(world, world.doctor, IDS.patient, 'view', 'lab');
  expect(created.id).not.toBe(bookingGrantId);
  return { grantId: bookingGrantId };
}

describe('AccessLog:listMine', () => {
  it('when a patient lists its log, then every access appears newest first with accessor, basis, purpose and resource, page by page', async () => {
    const { grantId } = await someTraffic();
    const page1 = await evaluateJson<Page<AccessLogEntry>>(world, world.patient, 'AccessLog:listMine', ['3', '']);
    const page2 = await evaluateJson<Page<AccessLogEntry>>(world, world.patient, 'AccessLog:listMine', ['3', page1.bookmark]);
    const entries = [...page1.items, ...page2.items];

    // The two day-one entries of one instant keep their ID order; everything else is newest first.
    expect(entries.map((e) => [e.accessorId, e.basis])).toEqual([
      [IDS.doctor, 'grant'],
      [IDS.otherDoctor, 'break-glass'],
      [IDS.doctor, 'grant'],
      [IDS.patient, 'owner'],
      [IDS.doctor, 'grant'],
    ]);
    expect(entries[4]).toMatchObject({ grantId, resourceType: 'record', resourceId: 'apt-000001', category: 'appointment', action: 'view', accessorRole: 'doctor' });
    expect(entries[1]).toMatchObject({ resourceType: 'category', resourceId: 'imaging' });
    // The break-glass read states ETREAT, the only purpose break-glass covers.
    expect(entries.map((e) => [e.outcome, e.purpose])).toEqual([
      ['allowed', 'TREAT'],
      ['allowed', 'ETREAT'],
      ['allowed', 'TREAT'],
      ['allowed', 'PATRQT'],
      ['allowed', 'TREAT'],
    ]);
    expect(page2.bookmark).toBe('');
  });

  it('when another patient lists its own log, then it sees none of this patient\'s entries', async () => {
    await someTraffic();
    expect((await evaluateJson<Page<AccessLogEntry>>(world, world.otherPatient, 'AccessLog:listMine', ['10', ''])).items).toEqual([]);
  });

  it('when a doctor, an unregistered or a suspended patient lists, then ROLE_FORBIDDEN, NOT_REGISTERED or SUSPENDED', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.doctor, 'AccessLog:listMine', ['10', '']))).toBe('ROLE_FORBIDDEN');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.identity('patient', 'pat-ghost01'), 'AccessLog:listMine', ['10', '']))).toBe(
      'NOT_REGISTERED',
    );
    await world.ledger.submit(world.admin, 'Stakeholder:suspend', [IDS.patient]);
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'AccessLog:listMine', ['10', '']))).toBe('SUSPENDED');
  });

  it('when the page size is out of range, then it is refused with INVALID_ARGUMENT', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'AccessLog:listMine', ['101', '']))).toBe('INVALID_ARGUMENT');
  });
});

describe('AccessLog:listForPatient', () => {
  it('when the regulator or a delegate lists a patient\'s log, then they see it', async () => {
    await someTraffic();
    await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(DAY)]);
    for (const who of [world.regulator, world.delegate, world.patient]) {
      expect((await evaluateJson<Page<AccessLogEntry>>(world, who, 'AccessLog:listForPatient', [IDS.patient, '10', ''])).items).toHaveLength(5);
    }
  });

  it('when another patient, a doctor or a malformed ID, then NOT_OWNER, ROLE_FORBIDDEN or INVALID_ARGUMENT', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherPatient, 'AccessLog:listForPatient', [IDS.patient, '10', '']))).toBe('NOT_OWNER');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.doctor, 'AccessLog:listForPatient', [IDS.patient, '10', '']))).toBe('ROLE_FORBIDDEN');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.regulator, 'AccessLog:listForPatient', ['x', '10', '']))).toBe('INVALID_ARGUMENT');
  });
});

describe('AccessLog:stats', () => {
  it('when the regulator asks for a day, then counts per basis and accessor role are summed from that day\'s delta counters only', async () => {
    await someTraffic();
    const day1 = await evaluateJson<Stats>(world, world.regulator, 'AccessLog:stats', ['2026-03-01']);
    expect(day1).toEqual({
      day: '2026-03-01',
      total: 4,
      byBasis: { owner: 1, delegate: 0, grant: 2, 'break-glass': 1, party: 0 },
      byAccessorRole: { patient: 1, doctor: 3 },
    });
    const day2 = await evaluateJson<Stats>(world, world.regulator, 'AccessLog:stats', ['2026-03-02']);
    expect(day2).toMatchObject({ total: 1, byBasis: { grant: 1 } });
    const quiet = await evaluateJson<Stats>(world, world.regulator, 'AccessLog:stats', ['2026-02-28']);
    expect(quiet).toEqual({ day: '2026-02-28', total: 0, byBasis: { owner: 0, delegate: 0, grant: 0, 'break-glass': 0, party: 0 }, byAccessorRole: {} });
  });

  it('when a patient or the admin asks, then it is refused with ROLE_FORBIDDEN', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'AccessLog:stats', ['2026-03-01']))).toBe('ROLE_FORBIDDEN');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.admin, 'AccessLog:stats', ['2026-03-01']))).toBe('ROLE_FORBIDDEN');
  });

  it.each(['2026-3-1', '2026-02-30', '2026-03-01T00:00:00Z', 'today'])('when the day is %p, then it is refused with INVALID_ARGUMENT', async (day) => {
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.regulator, 'AccessLog:stats', [day]))).toBe('INVALID_ARGUMENT');
  });
});
