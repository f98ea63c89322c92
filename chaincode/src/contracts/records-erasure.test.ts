import type { FileMetadataView } from '../models/medical-file';
import { privateState, publicObject, publicState } from '../test-support/care';
import { consentWorldForEachTest, DAY, eventOf, IDS, parsed, refusedWithoutWrite } from '../test-support/consent';
import { blobOf, createFile, details, doctorNote, FILE, NOTE, proposeAmendment, publicText, SECRET, sha, versionPart } from '../test-support/records';
import { evaluateJson } from '../test-support/world';
import * as surface from '../contract';

describe('Records contract', () => {
  const world = consentWorldForEachTest();

  describe('erasePrivateData', () => {
    it('when the patient erases a file, then private details are purged and public records keep no content hash, reference, type or size', async () => {
      await doctorNote(world);
      const amendment = parsed(surface.amendment, await proposeAmendment(world, world.patient, NOTE));
      await world.ledger.submit(world.doctor, 'Records:approveAmendment', [amendment.id, sha('a')]);
      world.setTime(world.at(DAY));

      const result = await world.ledger.submit(world.patient, 'Records:erasePrivateData', [NOTE]);

      const erasedAt = world.now().toISOString();
      expect(parsed(surface.medicalFileHead, result)).toMatchObject({ status: 'erased', erasedAt, latestVersion: 2 });
      for (const number of [1, 2]) {
        expect(details(world, NOTE, number)).toBeUndefined();
        const tombstone = publicState(world, 'medicalFileVersion', [NOTE, versionPart(number)]);
        expect(tombstone).toMatchObject({ status: 'erased', erasedAt, version: number });
        for (const field of ['contentSha256', 'storageRef', 'mediaType', 'sizeBytes']) {
          expect(tombstone).not.toHaveProperty(field);
        }
      }
      expect(privateState(world, 'amendmentDetails', [amendment.id])).toBeUndefined();
      expect(publicState(world, 'amendment', [amendment.id])).toMatchObject({ status: 'erased', statusBeforeErasure: 'approved' });
      expect(publicState(world, 'amendment', [amendment.id])).not.toHaveProperty('storageRef');
      expect(eventOf(result)).toEqual({
        name: 'erasePrivateData',
        payload: { fileId: NOTE, patientId: IDS.patient, versions: 2, amendments: 1, status: 'erased', at: erasedAt },
      });
      const metadata = await evaluateJson<FileMetadataView>(world, world.patient, 'Records:getFileMetadata', [NOTE]);
      expect(metadata.file.status).toBe('erased');
    });

    it('when the patient erases a file, then no storage reference of it stays in world state, and its ciphertext still cannot be adopted by another file', async () => {
      await doctorNote(world);
      await proposeAmendment(world, world.patient, NOTE);

      await world.ledger.submit(world.patient, 'Records:erasePrivateData', [NOTE]);

      const published = publicText(world);
      expect(published).not.toContain(blobOf(NOTE).storageRef);
      expect(published).not.toContain(blobOf(NOTE, 'amendment').storageRef);
      const adopt = () => createFile(world, world.patient, FILE, IDS.patient, 'lab', { ciphertext: blobOf(NOTE).ciphertext, storageRef: 'blob:store/new-0001' });
      expect(await refusedWithoutWrite(world, adopt)).toBe('INVALID_ARGUMENT');
    });

    it.each([
      ['the doctor who wrote it', 'doctor', 'ROLE_FORBIDDEN'],
      ['another patient', 'otherPatient', 'NOT_OWNER'],
      ['a delegate', 'delegate', 'NOT_OWNER'],
    ] as const)('when %s erases the file, then it is refused with %s', async (_label, who, code) => {
      await doctorNote(world);
      await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(30 * DAY)]);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world[who], 'Records:erasePrivateData', [NOTE]))).toBe(code);
    });

    it('when the file is already erased, then a second erasure is refused with INVALID_STATE', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      await world.ledger.submit(world.patient, 'Records:erasePrivateData', [FILE]);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Records:erasePrivateData', [FILE]))).toBe('INVALID_STATE');
    });
  });
});

describe('Records:recordErasure', () => {
  const world = consentWorldForEachTest();
  const report = (kek: boolean, keys: number, blobs: number, failures: number) => [IDS.patient, String(kek), String(keys), String(blobs), String(failures)];

  it('when the patient reports the off-chain shredding after erasing, then the receipt holds the counts without personal data and an event is emitted', async () => {
    await createFile(world, world.patient, 'fil-erase001', IDS.patient);
    await createFile(world, world.patient, 'fil-erase002', IDS.patient);
    await world.ledger.submit(world.patient, 'Records:erasePatientData', [IDS.patient, '50']);
    world.setTime(world.at(DAY));

    const result = await world.ledger.submit(world.patient, 'Records:recordErasure', report(true, 2, 2, 0));

    const reportedAt = world.now().toISOString();
    const receipt = parsed(surface.patientErasure, result);
    expect(receipt).toMatchObject({ patientId: IDS.patient, status: 'complete', filesErased: 2 });
    expect(receipt.offChain).toEqual({ keyEncryptionKeyDestroyed: true, dataKeysDestroyed: 2, blobsDeleted: 2, blobDeleteFailures: 0, reportedAt, txIds: [result.txId] });
    expect(publicState(world, 'patientErasure', [IDS.patient])).toEqual(receipt);
    expect(eventOf(result)).toEqual({ name: 'recordErasure', payload: { patientId: IDS.patient, dataKeysDestroyed: 2, blobsDeleted: 2, at: reportedAt } });
    expect(publicText(world)).not.toContain(SECRET.fileName);
  });

  it('when the off-chain part is reported before any purge, then an in-progress receipt starts with it', async () => {
    const result = await world.ledger.submit(world.patient, 'Records:recordErasure', report(false, 0, 0, 0));

    expect(parsed(surface.patientErasure, result)).toMatchObject({ patientId: IDS.patient, status: 'in-progress', filesErased: 0, keysPurged: 0 });
  });

  it('when the shredding is reported again, then the counts add up, and a report of nothing leaves the receipt untouched', async () => {
    await world.ledger.submit(world.patient, 'Records:recordErasure', report(true, 3, 2, 1));
    await world.ledger.submit(world.patient, 'Records:recordErasure', report(false, 0, 1, 0));
    const before = publicObject(world, surface.patientErasure, 'patientErasure', [IDS.patient]);

    await world.ledger.submit(world.patient, 'Records:recordErasure', report(false, 0, 0, 0));

    expect(before?.offChain).toMatchObject({ keyEncryptionKeyDestroyed: true, dataKeysDestroyed: 3, blobsDeleted: 3, blobDeleteFailures: 0 });
    expect(publicObject(world, surface.patientErasure, 'patientErasure', [IDS.patient])).toEqual(before);
  });

  it.each([
    ['another patient', 'otherPatient', 'NOT_OWNER'],
    ['a delegate of the patient', 'delegate', 'NOT_OWNER'],
    ['a doctor', 'doctor', 'ROLE_FORBIDDEN'],
    ['a regulator', 'regulator', 'ROLE_FORBIDDEN'],
  ] as const)('when %s records an erasure for the patient, then it is refused with %s and nothing is written', async (_label, who, code) => {
    await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(30 * DAY)]);

    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world[who], 'Records:recordErasure', report(true, 1, 1, 0)))).toBe(code);
  });

  it.each([
    ['a malformed patient ID', ['Alice Smith', 'true', '1', '1', '0']],
    ['a negative count', [IDS.patient, 'true', '-1', '1', '0']],
    ['a fractional count', [IDS.patient, 'true', '1.5', '1', '0']],
  ])('when the report has %s, then it is refused with INVALID_ARGUMENT', async (_label, args) => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Records:recordErasure', args))).toBe('INVALID_ARGUMENT');
  });

  it('when a caller without MedLedger attributes records an erasure, then it is refused', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.anonymous(), 'Records:recordErasure', report(true, 1, 1, 0)))).toBe('IDENTITY_INVALID');
  });
});
