import type { AccessLogEntry } from '../contract';
import { DAY, HOUR, IDS, checkAccess, consentWorldForEachTest, grant, refusedWithoutWrite } from '../test-support/consent';
import { evaluateJson, type Page } from '../test-support/world';

const world = consentWorldForEachTest();

/**
 * Six accesses an hour apart, oldest first: the patient's own lab read, the doctor's lab and
 * imaging reads (grant), the hospital's refused lab read, the doctor's refused billing read, the
 * doctor's lab read again. Returns the instants, oldest first.
 */
async function sixAccesses(): Promise<string[]> {
  await grant(world, world.patient, IDS.doctor, { scope: { categories: ['lab', 'imaging'] }, validUntil: world.at(30 * DAY) });
  const steps: (() => Promise<unknown>)[] = [
    () => checkAccess(world, world.patient, IDS.patient, 'view', 'lab'),
    () => checkAccess(world, world.doctor, IDS.patient, 'view', 'lab'),
    () => checkAccess(world, world.doctor, IDS.patient, 'view', 'imaging'),
    () => world.ledger.submit(world.hospital, 'AccessLog:recordRefusal', [IDS.patient, 'view', 'lab', '', '', '']),
    () => world.ledger.submit(world.doctor, 'AccessLog:recordRefusal', [IDS.patient, 'view', 'billing', '', '', '']),
    () => checkAccess(world, world.doctor, IDS.patient, 'view', 'lab'),
  ];
  const instants: string[] = [];
  for (const step of steps) {
    world.setTime(world.at(HOUR));
    instants.push(world.now().toISOString());
    await step();
  }
  return instants;
}

async function query(filter: object, pageSize = 100, bookmark = ''): Promise<Page<AccessLogEntry>> {
  return evaluateJson<Page<AccessLogEntry>>(world, world.patient, 'AccessLog:queryMine', [JSON.stringify(filter), String(pageSize), bookmark]);
}

/** Every entry the filter lists, following bookmarks, with the number of pages it took. */
async function all(filter: object, pageSize: number): Promise<{ entries: AccessLogEntry[]; pages: number }> {
  const entries: AccessLogEntry[] = [];
  let bookmark = '';
  let pages = 0;
  do {
    const page = await query(filter, pageSize, bookmark);
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    entries.push(...page.items);
    bookmark = page.bookmark;
    pages += 1;
  } while (bookmark !== '');
  return { entries, pages };
}

const summary = (entries: AccessLogEntry[]) => entries.map((entry) => `${entry.accessorId} ${entry.category} ${entry.outcome ?? ''}`);

describe('AccessLog:queryMine filters', () => {
  it('when no filter is given, then all six come newest first', async () => {
    const instants = await sixAccesses();
    const { entries } = await all({}, 100);
    expect(entries.map((entry) => entry.at)).toEqual([...instants].reverse());
  });

  it.each([
    [{ accessorId: IDS.doctor }, [`${IDS.doctor} lab allowed`, `${IDS.doctor} billing refused`, `${IDS.doctor} imaging allowed`, `${IDS.doctor} lab allowed`]],
    [{ category: 'lab' }, [`${IDS.doctor} lab allowed`, `${IDS.hospital} lab refused`, `${IDS.doctor} lab allowed`, `${IDS.patient} lab allowed`]],
    [{ outcome: 'refused' }, [`${IDS.doctor} billing refused`, `${IDS.hospital} lab refused`]],
    [{ outcome: 'allowed', category: 'imaging' }, [`${IDS.doctor} imaging allowed`]],
    [{ accessorId: IDS.doctor, outcome: 'refused' }, [`${IDS.doctor} billing refused`]],
    [{ accessorId: IDS.doctor, category: 'lab' }, [`${IDS.doctor} lab allowed`, `${IDS.doctor} lab allowed`]],
  ])('when filtered by %p, then exactly the matching entries come, newest first, whatever the page size', async (filter, expected) => {
    await sixAccesses();
    for (const pageSize of [1, 2, 100]) {
      expect(summary((await all(filter, pageSize)).entries)).toEqual(expected);
    }
  });

  it('when a period is given, then only entries within it (both ends inclusive) come, and the scan starts at its end', async () => {
    const instants = await sixAccesses();
    const period = { from: instants[1], to: instants[3] };

    const { entries, pages } = await all(period, 1);

    expect(entries.map((entry) => entry.at)).toEqual([instants[3], instants[2], instants[1]]);
    // Started at `to` and stopped at the first entry before `from`: no page was spent outside the period.
    expect(pages).toBeLessThanOrEqual(4);
    expect(summary((await all({ ...period, category: 'lab' }, 2)).entries)).toEqual([`${IDS.hospital} lab refused`, `${IDS.doctor} lab allowed`]);
  });

  it('when a page reads its keys, then it reads at most pageSize of them even if few match', async () => {
    await sixAccesses();
    const first = await query({ accessorId: IDS.doctor, category: 'imaging' }, 2);
    // The doctor's two newest entries are lab and billing: the page is empty, yet it goes on.
    expect(first.items).toEqual([]);
    expect(first.bookmark).not.toBe('');
  });

  it.each([
    ['not JSON', '{'],
    ['an unknown field', '{"who":"x"}'],
    ['an unknown outcome', '{"outcome":"maybe"}'],
    ['a malformed accessor', '{"accessorId":"Bob"}'],
    ['a malformed instant', '{"from":"yesterday"}'],
    ['from after to', '{"from":"2026-03-02T00:00:00Z","to":"2026-03-01T00:00:00Z"}'],
    ['a list', '[]'],
  ])('when the filter is %s, then INVALID_ARGUMENT', async (_case, filterJson) => {
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'AccessLog:queryMine', [filterJson, '10', '']))).toBe('INVALID_ARGUMENT');
  });
});

describe('bookmarks stay inside the list', () => {
  it("when a bookmark from another patient's log or another filter's index is passed, then INVALID_ARGUMENT", async () => {
    await sixAccesses();
    await checkAccess(world, world.otherPatient, IDS.otherPatient, 'view', 'lab');
    const others = await evaluateJson<Page<AccessLogEntry>>(world, world.otherPatient, 'AccessLog:queryMine', ['', '1', '']);
    const doctorPage = await query({ accessorId: IDS.doctor }, 1);

    expect(doctorPage.bookmark).not.toBe('');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'AccessLog:queryMine', ['', '1', doctorPage.bookmark]))).toBe('INVALID_ARGUMENT');
    expect(
      await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'AccessLog:queryMine', [JSON.stringify({ category: 'lab' }), '1', doctorPage.bookmark])),
    ).toBe('INVALID_ARGUMENT');
    const forged = world.ledger.toJSON().state.map((entry) => entry.key).find((key) => key.includes(IDS.otherPatient) && key.includes('accessLogNewest'));
    expect(forged).toBeDefined();
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'AccessLog:queryMine', ['', '1', forged ?? '']))).toBe('INVALID_ARGUMENT');
    expect(others.items).toHaveLength(1);
  });

  it('when the regulator queries a patient with a filter, then it sees what the patient sees', async () => {
    await sixAccesses();
    const regulator = await evaluateJson<Page<AccessLogEntry>>(world, world.regulator, 'AccessLog:queryForPatient', [IDS.patient, '{"outcome":"refused"}', '10', '']);
    expect(regulator.items).toEqual((await query({ outcome: 'refused' })).items);
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherPatient, 'AccessLog:queryForPatient', [IDS.patient, '', '10', '']))).toBe('NOT_OWNER');
  });
});
