import { ERASURE_BATCH_MAX } from '../contract';
import * as surface from '../contract';
import { privateState, publicState } from '../test-support/care';
import { consentWorldForEachTest, DAY, eventOf, IDS, parsed, refusedWithoutWrite } from '../test-support/consent';
import { addVersion, createFile, details, doctorNote, FILE, NOTE, proposeAmendment, publicText, SECRET, versionPart } from '../test-support/records';

/** Records:erasePatientData and Records:getErasureReceipt: bounded, resumable, repeatable erasure with its receipt. */
describe('Records:erasePatientData', () => {
  const world = consentWorldForEachTest();
  const erase = (maxKeys: number, who = world.patient) => world.ledger.submit(who, 'Records:erasePatientData', [IDS.patient, String(maxKeys)]);

  /** Four private items: two versions of FILE, one of the doctor's NOTE, and an amendment of NOTE. */
  async function fourItems(): Promise<string> {
    await createFile(world, world.patient, FILE, IDS.patient);
    await addVersion(world, world.patient, FILE);
    await doctorNote(world);
    return parsed(surface.amendment, await proposeAmendment(world, world.patient, NOTE)).id;
  }

  it('when the patient erases in batches of three, then two calls purge the four items, each batch is on the receipt with its transaction, and the last one completes it', async () => {
    const amendmentId = await fourItems();

    const first = await erase(3);
    world.setTime(world.at(DAY));
    const second = await erase(3);

    expect(parsed(surface.patientErasure, first)).toMatchObject({ status: 'in-progress', keysPurged: 3 });
    const receipt = parsed(surface.patientErasure, second);
    expect(receipt).toMatchObject({ patientId: IDS.patient, status: 'complete', erasedAt: world.now().toISOString(), keysPurged: 4, filesErased: 2 });
    expect(receipt.batches.map((batch) => [batch.txId, batch.purged])).toEqual([[first.txId, 3], [second.txId, 1]]);
    expect(receipt.purged).toEqual([
      { objectType: 'amendmentDetails', count: 1, ids: [amendmentId] },
      { objectType: 'medicalFileDetails', count: 3, ids: [`${FILE}/${versionPart(1)}`, `${FILE}/${versionPart(2)}`, `${NOTE}/${versionPart(1)}`] },
    ]);
    expect(eventOf(second)).toEqual({ name: 'erasePatientData', payload: { patientId: IDS.patient, purged: 1, status: 'complete', at: world.now().toISOString() } });
  });

  it('when the erasure completes, then the private details are purged, the files and amendment are tombstones, and the public state holds no content', async () => {
    const amendmentId = await fourItems();

    await erase(ERASURE_BATCH_MAX);

    expect([details(world, FILE, 1), details(world, FILE, 2), details(world, NOTE, 1)]).toEqual([undefined, undefined, undefined]);
    expect(privateState(world, 'amendmentDetails', [amendmentId])).toBeUndefined();
    expect(publicState(world, 'medicalFile', [FILE])).toMatchObject({ status: 'erased' });
    expect(publicState(world, 'medicalFileVersion', [FILE, versionPart(2)])).toMatchObject({ status: 'erased' });
    expect(publicState(world, 'amendment', [amendmentId])).toMatchObject({ status: 'erased' });
    const published = publicText(world);
    expect(published).not.toContain(SECRET.fileName);
    expect(published).not.toContain(SECRET.amendmentReason);
  });

  it('when an erasure was interrupted after one batch, then calling again resumes where it stopped, and a call after completion changes nothing', async () => {
    await fourItems();
    await erase(2);

    const resumed = parsed(surface.patientErasure, await erase(ERASURE_BATCH_MAX));
    const again = parsed(surface.patientErasure, await erase(ERASURE_BATCH_MAX));

    expect(resumed).toMatchObject({ status: 'complete', keysPurged: 4 });
    expect(resumed.batches.map((batch) => batch.purged)).toEqual([2, 2]);
    expect(again).toEqual(resumed);
    expect(publicState(world, 'patientErasure', [IDS.patient])).toEqual(resumed);
  });

  it('when the patient writes new private data after a completed erasure, then the next call purges it and completes the receipt again', async () => {
    await createFile(world, world.patient, FILE, IDS.patient);
    await erase(ERASURE_BATCH_MAX);
    world.setTime(world.at(DAY));
    await createFile(world, world.patient, 'fil-later001', IDS.patient);

    const receipt = parsed(surface.patientErasure, await erase(ERASURE_BATCH_MAX));

    expect(receipt).toMatchObject({ status: 'complete', keysPurged: 2, filesErased: 2, erasedAt: world.now().toISOString() });
    expect(receipt.batches).toHaveLength(2);
  });

  it('when the patient has no private data, then the first call completes an empty receipt', async () => {
    expect(parsed(surface.patientErasure, await erase(1))).toMatchObject({ status: 'complete', keysPurged: 0, purged: [], batches: [] });
  });

  it("when another patient's data exists, then erasure leaves it untouched", async () => {
    await createFile(world, world.otherPatient, 'fil-other001', IDS.otherPatient);
    await createFile(world, world.patient, FILE, IDS.patient);

    await erase(ERASURE_BATCH_MAX);

    expect(details(world, 'fil-other001', 1)).toEqual({ fileName: SECRET.fileName, description: SECRET.description });
  });

  it.each([
    ['another patient', 'otherPatient', 'NOT_OWNER'],
    ['a delegate of the patient', 'delegate', 'NOT_OWNER'],
    ['a doctor', 'doctor', 'ROLE_FORBIDDEN'],
  ] as const)('when %s erases the patient, then it is refused with %s and nothing is written', async (_label, who, code) => {
    await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(30 * DAY)]);
    await createFile(world, world.patient, FILE, IDS.patient);

    expect(await refusedWithoutWrite(world, () => erase(ERASURE_BATCH_MAX, world[who]))).toBe(code);
  });

  it.each([
    ['zero keys', [IDS.patient, '0']],
    [`more than ${ERASURE_BATCH_MAX} keys`, [IDS.patient, String(ERASURE_BATCH_MAX + 1)]],
    ['a fractional batch', [IDS.patient, '1.5']],
    ['a malformed patient ID', ['Alice Smith', '10']],
  ])('when the call asks for %s, then it is refused with INVALID_ARGUMENT', async (_label, args) => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Records:erasePatientData', args))).toBe('INVALID_ARGUMENT');
  });
});

describe('Records:getErasureReceipt', () => {
  const world = consentWorldForEachTest();
  const receipt = (who = world.patient) => world.ledger.evaluate(who, 'Records:getErasureReceipt', [IDS.patient]);

  it('when the patient has erased, then the receipt reads back as stored', async () => {
    await createFile(world, world.patient, FILE, IDS.patient);
    const stored = await world.ledger.submit(world.patient, 'Records:erasePatientData', [IDS.patient, '10']);

    expect(JSON.parse(await receipt())).toEqual(JSON.parse(stored.payload));
  });

  it('when no erasure has started, then it is refused with NOT_FOUND', async () => {
    await expect(receipt()).rejects.toThrow(/NOT_FOUND: patient pat-\S+ has no erasure receipt/);
  });

  it.each([
    ['another patient', 'otherPatient', /NOT_OWNER/],
    ['a doctor', 'doctor', /ROLE_FORBIDDEN/],
  ] as const)('when %s asks for the receipt, then it is refused', async (_label, who, code) => {
    await world.ledger.submit(world.patient, 'Records:erasePatientData', [IDS.patient, '10']);

    await expect(receipt(world[who])).rejects.toThrow(code);
  });
});
