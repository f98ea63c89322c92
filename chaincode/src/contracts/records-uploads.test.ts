import { suspend } from '../test-support/care';
import { consentWorldForEachTest, DAY, eventOf, HOUR, IDS, parsed, refusedWithoutWrite, type GrantOptions } from '../test-support/consent';
import { addVersion, blobOf, consent, createFile, details, FILE, head, NOTE, publicText, SECRET, sha, T0_ISO, version } from '../test-support/records';
import * as surface from '../contract';

describe('Records contract', () => {
  const world = consentWorldForEachTest();

  describe('createFile', () => {
    it('when the patient registers a file, then version 1 holds hashes and storage only, the name is private and the event has IDs only', async () => {
      const result = await createFile(world, world.patient, FILE, IDS.patient, 'lab');

      const view = parsed(surface.fileMetadataView, result);
      expect(view.file).toEqual({
        fileId: FILE,
        patientId: IDS.patient,
        category: 'lab',
        latestVersion: 1,
        status: 'active',
        confidentiality: 'N',
        patientAuthored: true,
        createdAt: T0_ISO,
        updatedAt: T0_ISO,
      });
      expect(version(world, FILE, 1)).toEqual({
        fileId: FILE,
        version: 1,
        patientId: IDS.patient,
        category: 'lab',
        contentSha256: sha('1'),
        ciphertextSha256: blobOf(FILE).ciphertext,
        sizeBytes: 2048,
        mediaType: 'application/pdf',
        storageRef: blobOf(FILE).storageRef,
        clientEncrypted: true,
        uploaderId: IDS.patient,
        createdAt: T0_ISO,
        status: 'active',
      });
      expect(details(world, FILE, 1)).toEqual({ fileName: SECRET.fileName, description: SECRET.description });
      expect(eventOf(result)).toEqual({
        name: 'createFile',
        payload: { fileId: FILE, version: 1, patientId: IDS.patient, uploaderId: IDS.patient, at: T0_ISO },
      });
      const published = publicText(world);
      expect(published).not.toContain(SECRET.fileName);
      expect(published).not.toContain(SECRET.description);
    });

    it.each(['doctor', 'hospital'] as const)('when a verified %s holds an edit grant for the category, then it uploads and the file is not patient-authored', async (role) => {
      await consent(world, IDS[role], { actions: ['edit'] });
      const view = parsed(surface.fileMetadataView, await createFile(world, world[role], FILE, IDS.patient, 'lab', { clientEncrypted: 'false' }));
      expect(view.file.patientAuthored).toBe(false);
      expect(view.latest).toMatchObject({ uploaderId: IDS[role], clientEncrypted: false });
    });

    it('when a grant is scoped to one file\'s record ID, then the doctor versions that file, and a grant cannot name a file that does not exist yet', async () => {
      await createFile(world, world.patient, FILE, IDS.patient, 'imaging');
      await consent(world, IDS.doctor, { actions: ['edit'], scope: { recordIds: [FILE] } });
      expect(parsed(surface.fileMetadataView, await addVersion(world, world.doctor, FILE)).latest).toMatchObject({ version: 2, uploaderId: IDS.doctor });

      const ahead = () => consent(world, IDS.doctor, { actions: ['edit'], scope: { recordIds: ['fil-future01'] } });
      expect(await refusedWithoutWrite(world, ahead)).toBe('NOT_FOUND');
    });

    it('when a delegate in force uploads for the patient, then the file counts as patient-authored', async () => {
      await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(30 * DAY)]);
      const view = parsed(surface.fileMetadataView, await createFile(world, world.delegate, FILE, IDS.patient));
      expect(view.file).toMatchObject({ patientId: IDS.patient, patientAuthored: true });
      expect(view.latest.uploaderId).toBe(IDS.delegate);
    });

    it.each([
      ['a pharmacy (wrong role)', 'pharmacy', 'ROLE_FORBIDDEN'],
      ['an insurer (wrong role)', 'insurer', 'ROLE_FORBIDDEN'],
      ['an unverified doctor', 'pendingDoctor', 'NOT_VERIFIED'],
      ['a doctor without any grant', 'doctor', 'CONSENT_REQUIRED'],
      ['another patient', 'otherPatient', 'CONSENT_REQUIRED'],
    ] as const)('when %s uploads a file for the patient, then it is refused and nothing is written', async (_label, who, code) => {
      expect(await refusedWithoutWrite(world, () => createFile(world, world[who], FILE, IDS.patient))).toBe(code);
    });

    it('when the doctor is suspended, then its upload is refused with SUSPENDED', async () => {
      await consent(world, IDS.doctor);
      await suspend(world, IDS.doctor);
      expect(await refusedWithoutWrite(world, () => createFile(world, world.doctor, FILE, IDS.patient))).toBe('SUSPENDED');
    });

    it.each<[string, GrantOptions, 'doctor' | 'otherDoctor']>([
      ['a view-only grant (wrong action)', { actions: ['view'] }, 'doctor'],
      ['a grant for another category (wrong scope)', { scope: { categories: ['imaging'] } }, 'doctor'],
      ['a grant for another record (wrong scope)', { scope: { recordIds: ['fil-other001'] } }, 'doctor'],
      ['a grant to another doctor', {}, 'otherDoctor'],
    ])('when the uploader relies on %s, then it is refused with CONSENT_REQUIRED', async (_label, options, who) => {
      await createFile(world, world.patient, 'fil-other001', IDS.patient);
      await consent(world, IDS.doctor, options);
      expect(await refusedWithoutWrite(world, () => createFile(world, world[who], FILE, IDS.patient))).toBe('CONSENT_REQUIRED');
    });

    it('when the edit grant has expired, then the upload is refused with CONSENT_REQUIRED', async () => {
      await consent(world, IDS.doctor, { validUntil: world.at(HOUR) });
      world.setTime(world.at(2 * HOUR));
      expect(await refusedWithoutWrite(world, () => createFile(world, world.doctor, FILE, IDS.patient))).toBe('CONSENT_REQUIRED');
    });

    it('when the edit grant was revoked, then the upload is refused with CONSENT_REQUIRED', async () => {
      const grantId = await consent(world, IDS.doctor);
      await world.ledger.submit(world.patient, 'Consent:revoke', [grantId]);
      expect(await refusedWithoutWrite(world, () => createFile(world, world.doctor, FILE, IDS.patient))).toBe('CONSENT_REQUIRED');
    });

    it('when the file is empty (0 bytes), then it is registered: an empty upload is still one authenticated chunk off chain', async () => {
      const view = parsed(surface.fileMetadataView, await createFile(world, world.patient, FILE, IDS.patient, 'lab', { sizeBytes: '0' }));
      expect(view.latest).toMatchObject({ version: 1, sizeBytes: 0 });
    });

    it('when the file ID is taken, then a second createFile is refused with ALREADY_EXISTS', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      expect(await refusedWithoutWrite(world, () => createFile(world, world.patient, FILE, IDS.patient))).toBe('ALREADY_EXISTS');
    });

    it.each([
      ['an invalid file ID', { fileId: 'no spaces allowed' }],
      ['a file ID over 100 characters', { fileId: `fil-${'x'.repeat(100)}` }],
      ['an invalid patient ID', { patientId: 'Alice Smith' }],
      ['an unknown category', { category: 'genome' }],
      ['a malformed content hash', { content: 'ABC' }],
      ['a malformed ciphertext hash', { ciphertext: sha('G') }],
      ['a negative size', { sizeBytes: '-1' }],
      ['a size over 10 GiB', { sizeBytes: String(11 * 1024 ** 3) }],
      ['a fractional size', { sizeBytes: '1.5' }],
      ['a malformed media type', { mediaType: 'PDF' }],
      ['a storage reference with spaces', { storageRef: 'my file.pdf' }],
    ])('when the arguments contain %s, then createFile is refused with INVALID_ARGUMENT', async (_label, override: Record<string, string>) => {
      const call = (): Promise<unknown> =>
        createFile(world, world.patient, override.fileId ?? FILE, override.patientId ?? IDS.patient, override.category ?? 'lab', override);
      expect(await refusedWithoutWrite(world, call)).toBe('INVALID_ARGUMENT');
    });

    it.each([
      ['no transient "file"', {}],
      ['a "file" without fileName', { file: JSON.stringify({ description: 'x' }) }],
      ['a non-string description', { file: JSON.stringify({ fileName: 'a.pdf', description: 7 }) }],
      ['a "file" that is not JSON', { file: 'fileName=a.pdf' }],
    ])('when the private details are %s, then createFile is refused with INVALID_ARGUMENT', async (_label, transient: Record<string, string>) => {
      expect(await refusedWithoutWrite(world, () => createFile(world, world.patient, FILE, IDS.patient, 'lab', {}, transient))).toBe('INVALID_ARGUMENT');
    });
  });

  describe('addVersion', () => {
    it('when the patient versions an own file, then version 2 links to 1, version 1 stays unchanged and the pointer moves', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      const before = version(world, FILE, 1);
      world.setTime(world.at(HOUR));

      const result = await addVersion(world, world.patient, FILE, { content: sha('4'), ciphertext: sha('5') });

      const view = parsed(surface.fileMetadataView, result);
      expect(view.file).toMatchObject({ latestVersion: 2, patientAuthored: true, updatedAt: world.now().toISOString(), createdAt: T0_ISO });
      expect(view.latest).toMatchObject({ version: 2, previousVersion: 1, contentSha256: sha('4'), uploaderId: IDS.patient });
      expect(version(world, FILE, 1)).toEqual(before);
      expect(head(world, FILE)?.latestVersion).toBe(2);
      expect(details(world, FILE, 2)).toEqual({ fileName: 'Second version', description: SECRET.description });
      expect(eventOf(result)).toEqual({
        name: 'addVersion',
        payload: { fileId: FILE, version: 2, previousVersion: 1, patientId: IDS.patient, uploaderId: IDS.patient, at: world.now().toISOString() },
      });
    });

    it('when a doctor with edit consent versions the file, then it is no longer patient-authored and the patient must amend instead', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      await consent(world, IDS.doctor);
      expect(parsed(surface.fileMetadataView, await addVersion(world, world.doctor, FILE)).file.patientAuthored).toBe(false);
      expect(await refusedWithoutWrite(world, () => addVersion(world, world.patient, FILE))).toBe('NOT_OWNER');
    });

    it('when the patient versions a clinical note, even one they uploaded, then it is refused with NOT_OWNER (amendment needed)', async () => {
      await createFile(world, world.patient, NOTE, IDS.patient, 'clinical-note');
      expect(await refusedWithoutWrite(world, () => addVersion(world, world.patient, NOTE))).toBe('NOT_OWNER');
    });

    it('when a doctor has view but not edit consent, then its version is refused with CONSENT_REQUIRED', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      await consent(world, IDS.doctor, { actions: ['view'] });
      expect(await refusedWithoutWrite(world, () => addVersion(world, world.doctor, FILE))).toBe('CONSENT_REQUIRED');
    });

    it('when the file does not exist, then addVersion is refused with NOT_FOUND', async () => {
      expect(await refusedWithoutWrite(world, () => addVersion(world, world.patient, 'fil-missing1'))).toBe('NOT_FOUND');
    });

    it('when the file was erased, then addVersion is refused with INVALID_STATE', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      await world.ledger.submit(world.patient, 'Records:erasePrivateData', [FILE]);
      expect(await refusedWithoutWrite(world, () => addVersion(world, world.patient, FILE))).toBe('INVALID_STATE');
    });

    it('when the new content is malformed, then addVersion is refused with INVALID_ARGUMENT', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      expect(await refusedWithoutWrite(world, () => addVersion(world, world.patient, FILE, { content: 'nope' }))).toBe('INVALID_ARGUMENT');
    });
  });
});
