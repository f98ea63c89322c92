import type { FileMetadataView } from '../models/medical-file';
import type { PatientErasure } from '../models/patient-erasure';
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

  it('when the patient records an erasure after erasing files, then a public record without personal data counts the erased files and an event is emitted', async () => {
    await createFile(world, world.patient, 'fil-erase001', IDS.patient);
    await createFile(world, world.patient, 'fil-erase002', IDS.patient);
    await createFile(world, world.patient, 'fil-keep0001', IDS.patient);
    await world.ledger.submit(world.patient, 'Records:erasePrivateData', ['fil-erase001']);
    await world.ledger.submit(world.patient, 'Records:erasePrivateData', ['fil-erase002']);
    world.setTime(world.at(DAY));

    const result = await world.ledger.submit(world.patient, 'Records:recordErasure', [IDS.patient]);

    const erasedAt = world.now().toISOString();
    const expected: PatientErasure = { patientId: IDS.patient, erasedAt, filesErased: 2 };
    expect(parsed(surface.patientErasure, result)).toEqual(expected);
    expect(publicState(world, 'patientErasure', [IDS.patient])).toEqual(expected);
    expect(eventOf(result)).toEqual({ name: 'recordErasure', payload: { patientId: IDS.patient, erasedAt, filesErased: 2 } });
    expect(publicText(world)).not.toContain(SECRET.fileName);
  });

  it('when the patient has no files, then the erasure is still recorded with zero files', async () => {
    const result = await world.ledger.submit(world.patient, 'Records:recordErasure', [IDS.patient]);

    expect(parsed(surface.patientErasure, result)).toMatchObject({ patientId: IDS.patient, filesErased: 0 });
  });

  it('when the erasure is recorded again later, then the record is updated with the new time', async () => {
    await world.ledger.submit(world.patient, 'Records:recordErasure', [IDS.patient]);
    world.setTime(world.at(DAY));

    await world.ledger.submit(world.patient, 'Records:recordErasure', [IDS.patient]);

    expect(publicObject(world, surface.patientErasure, 'patientErasure', [IDS.patient])?.erasedAt).toBe(world.now().toISOString());
  });

  it.each([
    ['another patient', 'otherPatient', 'NOT_OWNER'],
    ['a delegate of the patient', 'delegate', 'NOT_OWNER'],
    ['a doctor', 'doctor', 'ROLE_FORBIDDEN'],
    ['a regulator', 'regulator', 'ROLE_FORBIDDEN'],
  ] as const)('when %s records an erasure for the patient, then it is refused with %s and nothing is written', async (_label, who, code) => {
    await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(30 * DAY)]);

    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world[who], 'Records:recordErasure', [IDS.patient]))).toBe(code);
  });

  it('when the patient ID is malformed, then it is refused with INVALID_ARGUMENT', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Records:recordErasure', ['Alice Smith']))).toBe('INVALID_ARGUMENT');
  });

  it('when a caller without MedLedger attributes records an erasure, then it is refused', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.anonymous(), 'Records:recordErasure', [IDS.patient]))).toBe('IDENTITY_INVALID');
  });
});
