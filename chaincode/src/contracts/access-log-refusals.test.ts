import { REFUSALS_BEFORE_NOTICE, splitRefusedAccess, type AccessLogEntry } from '../contract';
import { DAY, HOUR, IDS, MINUTE, checkAccess, consentWorldForEachTest, eventOf, grant, refusedWithoutWrite } from '../test-support/consent';
import { evaluateJson, refusalCode, type Page } from '../test-support/world';
import type { LedgerIdentity } from '@medledger/ledger-sim';

const world = consentWorldForEachTest();

/** The doctor's refused view of the patient's lab results, recorded as the gateway records it. */
function recordRefusal(who: LedgerIdentity = world.doctor, args: string[] = [IDS.patient, 'view', 'lab', '', '', ''], transient?: Record<string, string>) {
  return world.ledger.submit(who, 'AccessLog:recordRefusal', args, transient === undefined ? {} : { transient });
}

async function logOf(patient: LedgerIdentity, filter: object = {}, pageSize = 100): Promise<AccessLogEntry[]> {
  return (await evaluateJson<Page<AccessLogEntry>>(world, patient, 'AccessLog:queryMine', [JSON.stringify(filter), String(pageSize), ''])).items;
}

describe('a refused access carries the refused query', () => {
  it('when the decision refuses, then the message ends with a tag naming the query, which splits off', async () => {
    const error = await world.ledger.submit(world.doctor, 'Consent:checkAccess', [IDS.patient, 'view', 'lab', '']).catch((caught: unknown) => caught as Error);
    const { message, refused } = splitRefusedAccess((error as Error).message);

    expect(refused).toEqual({ patientId: IDS.patient, action: 'view', category: 'lab' });
    expect(message).toContain('CONSENT_REQUIRED');
    expect(message).not.toContain('refused-access');
  });
});

describe('AccessLog:recordRefusal', () => {
  it('when the access is refused, then an entry with outcome refused, its code and the stated purpose lands in the patient log', async () => {
    const result = await recordRefusal(world.insurer, [IDS.patient, 'view', 'imaging', 'fil-000001', 'file-version', 'fil-000001.v1'], { purposeOfUse: 'COVERAGE' });

    const [entry] = await logOf(world.patient);
    expect(entry).toMatchObject({
      accessorId: IDS.insurer,
      accessorRole: 'insurer',
      outcome: 'refused',
      refusalCode: 'CONSENT_REQUIRED',
      purpose: 'COVERAGE',
      recordId: 'fil-000001',
      resourceType: 'file-version',
      resourceId: 'fil-000001.v1',
    });
    expect(entry?.basis).toBeUndefined();
    expect(eventOf(result)).toEqual({ name: 'recordRefusal', payload: expect.objectContaining({ patientId: IDS.patient, accessorId: IDS.insurer, outcome: 'refused' }) as unknown });
  });

  it('when no resource is named, then the entry names the record, else the category', async () => {
    await recordRefusal(world.doctor, [IDS.patient, 'view', 'lab', 'fil-000009', '', '']);
    world.setTime(world.at(MINUTE));
    await recordRefusal();

    expect((await logOf(world.patient)).map((entry) => [entry.resourceType, entry.resourceId])).toEqual([
      ['category', 'lab'],
      ['record', 'fil-000009'],
    ]);
  });

  it('when the access is allowed (own data, a grant, a delegate), then nothing is recorded and NOT_REFUSED', async () => {
    await grant(world, world.patient, IDS.doctor, { scope: { categories: ['lab'] }, validUntil: world.at(DAY) });
    await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(DAY)]);

    for (const who of [world.doctor, world.patient, world.delegate]) {
      expect(await refusedWithoutWrite(world, () => recordRefusal(who))).toBe('NOT_REFUSED');
    }
  });

  it('when the grant ends, then the same access is refused and may be recorded', async () => {
    await grant(world, world.patient, IDS.doctor, { scope: { categories: ['lab'] }, validUntil: world.at(HOUR) });
    world.setTime(world.at(2 * HOUR));

    await recordRefusal();
    expect(await logOf(world.patient, { outcome: 'refused' })).toHaveLength(1);
  });

  it.each([
    ['a malformed patient', ['x', 'view', 'lab', '', '', '']],
    ['an unknown action', [IDS.patient, 'read', 'lab', '', '', '']],
    ['an unknown category', [IDS.patient, 'view', 'dna', '', '', '']],
    ['a malformed record', [IDS.patient, 'view', 'lab', 'a b', '', '']],
    ['a malformed resource type', [IDS.patient, 'view', 'lab', '', '1x', 'fil-000001']],
    ['a resource type without an ID', [IDS.patient, 'view', 'lab', '', 'file', '']],
  ])('when %s is given, then INVALID_ARGUMENT and nothing is written', async (_case, args) => {
    expect(await refusedWithoutWrite(world, () => recordRefusal(world.doctor, args))).toBe('INVALID_ARGUMENT');
  });

  it('when the stated purpose is not a purpose-of-use code, then INVALID_ARGUMENT', async () => {
    expect(await refusedWithoutWrite(world, () => recordRefusal(world.doctor, undefined, { purposeOfUse: 'curiosity' }))).toBe('INVALID_ARGUMENT');
  });

  it('when the regulator or an unverified doctor records, then ROLE_FORBIDDEN or NOT_VERIFIED', async () => {
    expect(await refusedWithoutWrite(world, () => recordRefusal(world.regulator))).toBe('ROLE_FORBIDDEN');
    expect(await refusedWithoutWrite(world, () => recordRefusal(world.pendingDoctor))).toBe('NOT_VERIFIED');
  });
});

describe('repeated refusals notify the patient', () => {
  async function alerts(who: LedgerIdentity, times: number): Promise<unknown[]> {
    const seen: unknown[] = [];
    for (let n = 0; n < times; n += 1) {
      world.setTime(world.at(MINUTE));
      seen.push(eventOf(await recordRefusal(who)).payload.patientAlert);
    }
    return seen;
  }

  it(`when one accessor is refused ${REFUSALS_BEFORE_NOTICE} times in a UTC day, then exactly that refusal's event alerts the patient`, async () => {
    const seen = await alerts(world.doctor, REFUSALS_BEFORE_NOTICE + 2);

    expect(seen).toEqual(seen.map((_, index) => (index + 1 === REFUSALS_BEFORE_NOTICE ? 'repeated-refusals' : undefined)));
  });

  it('when refusals come from different accessors, or the day changes, then each count starts again', async () => {
    await alerts(world.doctor, REFUSALS_BEFORE_NOTICE - 1);
    expect(await alerts(world.otherDoctor, REFUSALS_BEFORE_NOTICE - 1)).toEqual([undefined, undefined]);
    world.setTime(world.at(DAY));
    expect(await alerts(world.doctor, REFUSALS_BEFORE_NOTICE - 1)).toEqual([undefined, undefined]);
  });
});

describe('a refused read, then its recording', () => {
  it('when the gateway records what the refusal named, then the refused check appears in the log beside the allowed ones', async () => {
    await checkAccess(world, world.patient, IDS.patient);
    world.setTime(world.at(MINUTE));
    const refusal = await world.ledger.submit(world.doctor, 'Consent:checkAccess', [IDS.patient, 'view', 'lab', '']).catch((caught: unknown) => caught as Error);
    const { refused } = splitRefusedAccess((refusal as Error).message);
    if (refused === undefined) throw new Error('the refusal named no query');

    await recordRefusal(world.doctor, [refused.patientId, refused.action, refused.category, refused.recordId ?? '', '', '']);

    expect((await logOf(world.patient)).map((entry) => [entry.accessorId, entry.outcome])).toEqual([
      [IDS.doctor, 'refused'],
      [IDS.patient, 'allowed'],
    ]);
    expect(await refusalCode(evaluateJson(world, world.doctor, 'AccessLog:queryMine', ['', '10', '']))).toBe('ROLE_FORBIDDEN');
  });
});
