import type { Amendment } from '../models/amendment';
import type { FileDetails, FileMetadataView, MedicalFile, MedicalFileHead } from '../models/medical-file';
import { publicState, suspend } from '../test-support/care';
import {
  createConsentWorld,
  DAY,
  eventOf,
  HOUR,
  IDS,
  openBreakGlass,
  parsed,
  refusedWithoutWrite,
  type ConsentWorld,
  type GrantOptions,
} from '../test-support/consent';
import {
  accessLogOf,
  addVersion,
  blobOf,
  consent,
  createFile,
  privateObject,
  proposeAmendment,
  publicText,
  SECRET,
  sha,
  versionPart,
} from '../test-support/records';
import { evaluateJson, T0 } from '../test-support/world';

const FILE = 'fil-lab00001';
const NOTE = 'fil-note0001';
const T0_ISO = T0.toISOString();

interface Page<T> {
  items: T[];
  bookmark: string;
}

interface Access {
  file: MedicalFile;
  details: FileDetails | null;
  latestVersion: number;
  basis: string;
}

function head(world: ConsentWorld, fileId: string): MedicalFileHead | undefined {
  return publicState<MedicalFileHead>(world, 'medicalFile', [fileId]);
}

function version(world: ConsentWorld, fileId: string, number: number): MedicalFile | undefined {
  return publicState<MedicalFile>(world, 'medicalFileVersion', [fileId, versionPart(number)]);
}

function details(world: ConsentWorld, fileId: string, number: number): FileDetails | undefined {
  return privateObject<FileDetails>(world, 'medicalFileDetails', [fileId, versionPart(number)]);
}

/**
 * The patient's access log without the entries every upload and amendment writes (action 'edit'),
 * so a test about reads sees only the reads.
 */
async function readsInLog(world: ConsentWorld): Promise<Record<string, unknown>[]> {
  return (await accessLogOf(world, world.patient)).filter((item) => item.action !== 'edit');
}

/** A clinical note written by the doctor under an edit grant, and the grant's ID. */
async function doctorNote(world: ConsentWorld): Promise<string> {
  const grantId = await consent(world, IDS.doctor, { scope: { categories: ['clinical-note'] } });
  await createFile(world, world.doctor, NOTE, IDS.patient, 'clinical-note', { content: sha('3') });
  return grantId;
}

describe('Records contract', () => {
  let world: ConsentWorld;

  beforeEach(async () => {
    world = await createConsentWorld();
  });

  describe('createFile', () => {
    it('when the patient registers a file, then version 1 holds hashes and storage only, the name is private and the event has IDs only', async () => {
      const result = await createFile(world, world.patient, FILE, IDS.patient, 'lab');

      const view = parsed<FileMetadataView>(result);
      expect(view.file).toEqual({
        fileId: FILE,
        patientId: IDS.patient,
        category: 'lab',
        latestVersion: 1,
        status: 'active',
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
      const view = parsed<FileMetadataView>(await createFile(world, world[role], FILE, IDS.patient, 'lab', { clientEncrypted: 'false' }));
      expect(view.file.patientAuthored).toBe(false);
      expect(view.latest).toMatchObject({ uploaderId: IDS[role], clientEncrypted: false });
    });

    it('when a grant is scoped to one file\'s record ID, then the doctor versions that file, and a grant cannot name a file that does not exist yet', async () => {
      await createFile(world, world.patient, FILE, IDS.patient, 'imaging');
      await consent(world, IDS.doctor, { actions: ['edit'], scope: { recordIds: [FILE] } });
      expect(parsed<FileMetadataView>(await addVersion(world, world.doctor, FILE)).latest).toMatchObject({ version: 2, uploaderId: IDS.doctor });

      const ahead = () => consent(world, IDS.doctor, { actions: ['edit'], scope: { recordIds: ['fil-future01'] } });
      expect(await refusedWithoutWrite(world, ahead)).toBe('NOT_FOUND');
    });

    it('when a delegate in force uploads for the patient, then the file counts as patient-authored', async () => {
      await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(30 * DAY)]);
      const view = parsed<FileMetadataView>(await createFile(world, world.delegate, FILE, IDS.patient));
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
      const view = parsed<FileMetadataView>(await createFile(world, world.patient, FILE, IDS.patient, 'lab', { sizeBytes: '0' }));
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

      const view = parsed<FileMetadataView>(result);
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
      expect(parsed<FileMetadataView>(await addVersion(world, world.doctor, FILE)).file.patientAuthored).toBe(false);
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

  describe('amendments', () => {
    it('when the patient proposes an amendment to a clinical note, then it is pending, its reason is private and the file is unchanged', async () => {
      await doctorNote(world);
      const result = await proposeAmendment(world, world.patient, NOTE);

      const amendment = parsed<Amendment>(result);
      expect(amendment).toMatchObject({
        fileId: NOTE,
        patientId: IDS.patient,
        baseVersion: 1,
        contentSha256: sha('a'),
        status: 'pending',
        proposedBy: IDS.patient,
      });
      expect(head(world, NOTE)?.latestVersion).toBe(1);
      expect(privateObject(world, 'amendmentDetails', [amendment.id])).toEqual({ reason: SECRET.amendmentReason });
      expect(eventOf(result)).toEqual({
        name: 'proposeAmendment',
        payload: { amendmentId: amendment.id, fileId: NOTE, baseVersion: 1, patientId: IDS.patient, status: 'pending', at: T0_ISO },
      });
      expect(publicText(world)).not.toContain(SECRET.amendmentReason);
    });

    it('when a doctor with edit consent approves with the proposed hash, then the amendment becomes version 2 (two parties recorded)', async () => {
      await doctorNote(world);
      const amendment = parsed<Amendment>(await proposeAmendment(world, world.patient, NOTE));
      world.setTime(world.at(HOUR));

      const result = await world.ledger.submit(world.doctor, 'Records:approveAmendment', [amendment.id, sha('a')]);

      const outcome = parsed<{ amendment: Amendment; file: MedicalFileHead; latest: MedicalFile }>(result);
      expect(outcome.amendment).toMatchObject({ status: 'approved', decidedBy: IDS.doctor, resultingVersion: 2 });
      expect(outcome.latest).toMatchObject({
        version: 2,
        previousVersion: 1,
        contentSha256: sha('a'),
        storageRef: blobOf(NOTE, 'amendment').storageRef,
        uploaderId: IDS.patient,
        approvedBy: IDS.doctor,
        amendmentId: amendment.id,
        clientEncrypted: true,
      });
      expect(head(world, NOTE)).toMatchObject({ latestVersion: 2, patientAuthored: false });
      expect(details(world, NOTE, 2)).toEqual({ fileName: SECRET.fileName, description: SECRET.description, amendmentReason: SECRET.amendmentReason });
      expect(eventOf(result)).toEqual({
        name: 'approveAmendment',
        payload: {
          amendmentId: amendment.id,
          fileId: NOTE,
          version: 2,
          patientId: IDS.patient,
          approvedBy: IDS.doctor,
          status: 'approved',
          at: world.now().toISOString(),
        },
      });
    });

    it('when the approver confirms a different content hash, then it is refused with HASH_MISMATCH and nothing changes', async () => {
      await doctorNote(world);
      const amendment = parsed<Amendment>(await proposeAmendment(world, world.patient, NOTE));
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Records:approveAmendment', [amendment.id, sha('c')]))).toBe(
        'HASH_MISMATCH',
      );
    });

    it.each([
      ['a doctor without a grant', 'otherDoctor', 'CONSENT_REQUIRED'],
      ['a hospital (wrong role)', 'hospital', 'ROLE_FORBIDDEN'],
      ['the patient themself', 'patient', 'ROLE_FORBIDDEN'],
      ['an unverified doctor', 'pendingDoctor', 'NOT_VERIFIED'],
    ] as const)('when %s approves, then it is refused with %s', async (_label, who, code) => {
      await doctorNote(world);
      const amendment = parsed<Amendment>(await proposeAmendment(world, world.patient, NOTE));
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world[who], 'Records:approveAmendment', [amendment.id, sha('a')]))).toBe(code);
    });

    it('when the doctor only has view consent, then approval is refused with CONSENT_REQUIRED', async () => {
      await consent(world, IDS.doctor, { scope: { categories: ['clinical-note'] } });
      await createFile(world, world.doctor, NOTE, IDS.patient, 'clinical-note');
      const amendment = parsed<Amendment>(await proposeAmendment(world, world.patient, NOTE));
      await consent(world, IDS.otherDoctor, { actions: ['view'], scope: { categories: ['clinical-note'] } });
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.otherDoctor, 'Records:approveAmendment', [amendment.id, sha('a')]))).toBe(
        'CONSENT_REQUIRED',
      );
    });

    it('when the file gained a version after the proposal, then approval is refused with INVALID_STATE', async () => {
      await doctorNote(world);
      const amendment = parsed<Amendment>(await proposeAmendment(world, world.patient, NOTE));
      await addVersion(world, world.doctor, NOTE);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Records:approveAmendment', [amendment.id, sha('a')]))).toBe(
        'INVALID_STATE',
      );
    });

    it('when an amendment is approved twice, then the second approval is refused with INVALID_STATE', async () => {
      await doctorNote(world);
      const amendment = parsed<Amendment>(await proposeAmendment(world, world.patient, NOTE));
      await world.ledger.submit(world.doctor, 'Records:approveAmendment', [amendment.id, sha('a')]);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Records:approveAmendment', [amendment.id, sha('a')]))).toBe(
        'INVALID_STATE',
      );
    });

    it('when the doctor rejects, then it is rejected without a new version; the patient can withdraw another', async () => {
      await doctorNote(world);
      const first = parsed<Amendment>(await proposeAmendment(world, world.patient, NOTE));
      const second = parsed<Amendment>(await proposeAmendment(world, world.patient, NOTE, { content: sha('d') }));

      const rejected = await world.ledger.submit(world.doctor, 'Records:rejectAmendment', [first.id]);
      const withdrawn = await world.ledger.submit(world.patient, 'Records:rejectAmendment', [second.id]);

      expect(parsed<Amendment>(rejected)).toMatchObject({ status: 'rejected', decidedBy: IDS.doctor });
      expect(parsed<Amendment>(withdrawn)).toMatchObject({ status: 'withdrawn', decidedBy: IDS.patient });
      expect(eventOf(rejected)).toEqual({
        name: 'rejectAmendment',
        payload: { amendmentId: first.id, fileId: NOTE, patientId: IDS.patient, decidedBy: IDS.doctor, status: 'rejected', at: T0_ISO },
      });
      expect(head(world, NOTE)?.latestVersion).toBe(1);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Records:rejectAmendment', [first.id]))).toBe('INVALID_STATE');
    });

    it.each([
      ['another patient', 'otherPatient', 'CONSENT_REQUIRED'],
      ['a doctor without a grant', 'otherDoctor', 'CONSENT_REQUIRED'],
      ['a hospital', 'hospital', 'ROLE_FORBIDDEN'],
    ] as const)('when %s rejects, then it is refused with %s', async (_label, who, code) => {
      await doctorNote(world);
      const amendment = parsed<Amendment>(await proposeAmendment(world, world.patient, NOTE));
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world[who], 'Records:rejectAmendment', [amendment.id]))).toBe(code);
    });

    it.each([
      ['the doctor (wrong role)', 'doctor', 'ROLE_FORBIDDEN'],
      ['another patient', 'otherPatient', 'CONSENT_REQUIRED'],
    ] as const)('when %s proposes an amendment, then it is refused with %s', async (_label, who, code) => {
      await doctorNote(world);
      expect(await refusedWithoutWrite(world, () => proposeAmendment(world, world[who], NOTE))).toBe(code);
    });

    it.each([
      ['no reason', {}],
      ['an empty reason', { reason: '   ' }],
      ['a non-string file name', { reason: 'typo', fileName: 3 }],
    ])('when the amendment has %s, then it is refused with INVALID_ARGUMENT', async (_label, transient: Record<string, unknown>) => {
      await doctorNote(world);
      expect(await refusedWithoutWrite(world, () => proposeAmendment(world, world.patient, NOTE, {}, transient))).toBe('INVALID_ARGUMENT');
    });

    it('when the reviewing doctor opens the amendment, then it sees the reason and the read is logged', async () => {
      await doctorNote(world);
      const amendment = parsed<Amendment>(await proposeAmendment(world, world.patient, NOTE));

      const result = await world.ledger.submit(world.doctor, 'Records:accessAmendment', [amendment.id]);

      expect(parsed<{ details: unknown }>(result).details).toEqual({ reason: SECRET.amendmentReason });
      expect(eventOf(result).name).toBe('accessAmendment');
      expect((await accessLogOf(world, world.patient)).filter((item) => item.txId === result.txId)).toEqual([
        expect.objectContaining({ accessorId: IDS.doctor, action: 'edit', resourceType: 'amendment', resourceId: amendment.id, basis: 'grant' }),
      ]);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.otherDoctor, 'Records:accessAmendment', [amendment.id]))).toBe(
        'CONSENT_REQUIRED',
      );
    });

    it('when listing a file\'s amendments, then the patient and the reviewing doctor see them without the reason', async () => {
      await doctorNote(world);
      const amendment = parsed<Amendment>(await proposeAmendment(world, world.patient, NOTE));
      const page = await evaluateJson<Page<Amendment>>(world, world.doctor, 'Records:listAmendments', [NOTE, '10', '']);
      expect(page.items.map((item) => item.id)).toEqual([amendment.id]);
      expect(JSON.stringify(page)).not.toContain(SECRET.amendmentReason);
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherPatient, 'Records:listAmendments', [NOTE, '10', '']))).toBe(
        'CONSENT_REQUIRED',
      );
    });
  });

  describe('access log of edits', () => {
    const entry = (fields: Record<string, unknown>) => expect.objectContaining({ patientId: IDS.patient, category: 'lab', recordId: FILE, ...fields });

    it('when a doctor with an edit grant creates a file and adds a version, then both edits are in the patient\'s access log', async () => {
      const grantId = await consent(world, IDS.doctor);

      await createFile(world, world.doctor, FILE, IDS.patient, 'lab');
      world.setTime(world.at(HOUR));
      await addVersion(world, world.doctor, FILE, { content: sha('6') });

      expect(await accessLogOf(world, world.patient)).toEqual([
        entry({ accessorId: IDS.doctor, accessorRole: 'doctor', action: 'edit', resourceType: 'file-version', resourceId: `${FILE}.v1`, basis: 'grant', grantId, at: T0_ISO }),
        entry({ accessorId: IDS.doctor, action: 'edit', resourceType: 'file-version', resourceId: `${FILE}.v2`, basis: 'grant', grantId, at: world.now().toISOString() }),
      ]);
    });

    it('when a doctor approves an amendment, then its reads of the base version and the amendment and its new version are logged', async () => {
      const grantId = await consent(world, IDS.doctor);
      await createFile(world, world.doctor, FILE, IDS.patient, 'lab');
      const amendment = parsed<Amendment>(await proposeAmendment(world, world.patient, FILE));
      world.setTime(world.at(HOUR));

      await world.ledger.submit(world.doctor, 'Records:approveAmendment', [amendment.id, sha('a')]);

      const approval = (await accessLogOf(world, world.patient)).filter((item) => item.at === world.now().toISOString());
      expect(approval).toHaveLength(3);
      expect(approval).toEqual(
        expect.arrayContaining([
          entry({ accessorId: IDS.doctor, action: 'view', resourceType: 'file-version', resourceId: `${FILE}.v1`, basis: 'grant', grantId }),
          entry({ accessorId: IDS.doctor, action: 'view', resourceType: 'amendment', resourceId: amendment.id, basis: 'grant', grantId }),
          entry({ accessorId: IDS.doctor, action: 'edit', resourceType: 'file-version', resourceId: `${FILE}.v2`, basis: 'grant', grantId }),
        ]),
      );
    });

    it('when a doctor rejects an amendment, then the rejection is logged; the patient\'s proposal is logged as own access', async () => {
      await consent(world, IDS.doctor);
      await createFile(world, world.doctor, FILE, IDS.patient, 'lab');
      const amendment = parsed<Amendment>(await proposeAmendment(world, world.patient, FILE));
      world.setTime(world.at(HOUR));

      await world.ledger.submit(world.doctor, 'Records:rejectAmendment', [amendment.id]);

      const amendmentEntries = (await accessLogOf(world, world.patient)).filter((item) => item.resourceType === 'amendment');
      expect(amendmentEntries).toEqual([
        entry({ accessorId: IDS.patient, action: 'edit', resourceId: amendment.id, basis: 'owner' }),
        entry({ accessorId: IDS.doctor, action: 'edit', resourceId: amendment.id, basis: 'grant' }),
      ]);
    });

    it('when a delegate uploads for the patient, then the edit is logged with basis delegate and the delegation ID', async () => {
      const delegation = parsed<{ id: string }>(await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(30 * DAY)]));

      await createFile(world, world.delegate, FILE, IDS.patient, 'lab');

      expect(await accessLogOf(world, world.patient)).toEqual([
        entry({ accessorId: IDS.delegate, action: 'edit', resourceId: `${FILE}.v1`, basis: 'delegate', delegationId: delegation.id }),
      ]);
    });

    it('when an edit is refused, then no access-log entry is written', async () => {
      await consent(world, IDS.doctor, { actions: ['view'] });
      expect(await refusedWithoutWrite(world, () => createFile(world, world.doctor, FILE, IDS.patient, 'lab'))).toBe('CONSENT_REQUIRED');
      expect(await accessLogOf(world, world.patient)).toEqual([]);
    });
  });

  describe('accessFile', () => {
    it('when a doctor with view consent downloads, then it gets metadata and private details and the access is logged', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      const grantId = await consent(world, IDS.doctor, { actions: ['view'] });

      const result = await world.ledger.submit(world.doctor, 'Records:accessFile', [FILE, '1']);

      const access = parsed<Access>(result);
      expect(access).toMatchObject({ latestVersion: 1, basis: 'grant', details: { fileName: SECRET.fileName, description: SECRET.description } });
      expect(access.file).toMatchObject({ version: 1, contentSha256: sha('1'), storageRef: blobOf(FILE).storageRef });
      expect(eventOf(result)).toEqual({
        name: 'accessFile',
        payload: { fileId: FILE, version: 1, patientId: IDS.patient, accessorId: IDS.doctor, basis: 'grant', at: T0_ISO },
      });
      expect(await readsInLog(world)).toEqual([
        expect.objectContaining({
          patientId: IDS.patient,
          accessorId: IDS.doctor,
          accessorRole: 'doctor',
          action: 'view',
          category: 'lab',
          recordId: FILE,
          resourceType: 'file-version',
          resourceId: `${FILE}.v1`,
          basis: 'grant',
          grantId,
        }),
      ]);
    });

    it('when the patient downloads version 0, then the latest version is returned and logged as owner access', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      await addVersion(world, world.patient, FILE, { content: sha('6') });
      const access = parsed<Access>(await world.ledger.submit(world.patient, 'Records:accessFile', [FILE, '0']));
      expect(access).toMatchObject({ basis: 'owner', latestVersion: 2, file: { version: 2, contentSha256: sha('6') } });
      expect(await readsInLog(world)).toEqual([expect.objectContaining({ basis: 'owner', resourceId: `${FILE}.v2` })]);
    });

    it('when a doctor has an open break-glass window, then it can download and the access is logged as break-glass', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      await openBreakGlass(world, world.doctor, IDS.patient);
      expect(parsed<Access>(await world.ledger.submit(world.doctor, 'Records:accessFile', [FILE, '1'])).basis).toBe('break-glass');
      expect(await readsInLog(world)).toEqual([expect.objectContaining({ basis: 'break-glass', accessorId: IDS.doctor })]);
    });

    it.each<[string, GrantOptions | null, 'doctor' | 'otherDoctor']>([
      ['no grant', null, 'doctor'],
      ['an edit-only grant (wrong action)', { actions: ['edit'] }, 'doctor'],
      ['a grant for imaging only (wrong scope)', { scope: { categories: ['imaging'] } }, 'doctor'],
      ['a grant to another doctor', { actions: ['view'] }, 'otherDoctor'],
    ])('when the reader has %s, then the download is refused with CONSENT_REQUIRED and nothing is logged', async (_label, options, who) => {
      await createFile(world, world.patient, FILE, IDS.patient);
      if (options !== null) {
        await consent(world, IDS.doctor, options);
      }
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world[who], 'Records:accessFile', [FILE, '1']))).toBe('CONSENT_REQUIRED');
      expect(await readsInLog(world)).toEqual([]);
    });

    it('when the view grant has expired, then the download is refused with CONSENT_REQUIRED', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      await consent(world, IDS.doctor, { validUntil: world.at(DAY) });
      world.setTime(world.at(2 * DAY));
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Records:accessFile', [FILE, '1']))).toBe('CONSENT_REQUIRED');
    });

    it.each([
      ['an admin', 'admin', 'ROLE_FORBIDDEN'],
      ['a regulator', 'regulator', 'ROLE_FORBIDDEN'],
    ] as const)('when %s downloads, then it is refused with %s', async (_label, who, code) => {
      await createFile(world, world.patient, FILE, IDS.patient);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world[who], 'Records:accessFile', [FILE, '1']))).toBe(code);
    });

    it('when the version does not exist, then it is refused with NOT_FOUND; a negative version with INVALID_ARGUMENT', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Records:accessFile', [FILE, '2']))).toBe('NOT_FOUND');
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Records:accessFile', [FILE, '-1']))).toBe('INVALID_ARGUMENT');
    });

    it('when the file was erased, then the download is refused with INVALID_STATE', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      await world.ledger.submit(world.patient, 'Records:erasePrivateData', [FILE]);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Records:accessFile', [FILE, '1']))).toBe('INVALID_STATE');
    });
  });

  describe('reads without private details', () => {
    it('when a grantee asks for the metadata, then it gets head and latest version without name or description', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      await consent(world, IDS.doctor, { actions: ['view'] });
      const view = await evaluateJson<FileMetadataView>(world, world.doctor, 'Records:getFileMetadata', [FILE]);
      expect(view.file.latestVersion).toBe(1);
      expect(view.latest).toMatchObject({ contentSha256: sha('1') });
      expect(JSON.stringify(view)).not.toContain(SECRET.fileName);
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherDoctor, 'Records:getFileMetadata', [FILE]))).toBe(
        'CONSENT_REQUIRED',
      );
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'Records:getFileMetadata', ['fil-missing1']))).toBe(
        'NOT_FOUND',
      );
    });

    it('when listing files, then the patient sees all, a lab grantee only lab files, and a stranger is refused', async () => {
      await createFile(world, world.patient, 'fil-a-lab001', IDS.patient, 'lab');
      world.setTime(world.at(HOUR));
      await createFile(world, world.patient, 'fil-b-img001', IDS.patient, 'imaging');
      world.setTime(world.at(HOUR));
      await createFile(world, world.patient, 'fil-c-lab002', IDS.patient, 'lab');
      await createFile(world, world.otherPatient, 'fil-other001', IDS.otherPatient, 'lab');
      await consent(world, IDS.doctor, { actions: ['view'] });

      const mine = await evaluateJson<Page<FileMetadataView>>(world, world.patient, 'Records:listFiles', [IDS.patient, '10', '']);
      const granted = await evaluateJson<Page<FileMetadataView>>(world, world.doctor, 'Records:listFiles', [IDS.patient, '10', '']);

      expect(mine.items.map((item) => item.file.fileId)).toEqual(['fil-a-lab001', 'fil-b-img001', 'fil-c-lab002']);
      expect(granted.items.map((item) => item.file.fileId)).toEqual(['fil-a-lab001', 'fil-c-lab002']);
      expect(JSON.stringify(mine)).not.toContain(SECRET.fileName);
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherDoctor, 'Records:listFiles', [IDS.patient, '10', '']))).toBe(
        'CONSENT_REQUIRED',
      );
    });

    it('when listing page by page, then the bookmark continues where the page ended; page sizes over 100 are refused', async () => {
      for (const id of ['fil-p1xxxx', 'fil-p2xxxx', 'fil-p3xxxx']) {
        await createFile(world, world.patient, id, IDS.patient);
        world.setTime(world.at(1000));
      }
      const first = await evaluateJson<Page<FileMetadataView>>(world, world.patient, 'Records:listFiles', [IDS.patient, '2', '']);
      const second = await evaluateJson<Page<FileMetadataView>>(world, world.patient, 'Records:listFiles', [IDS.patient, '2', first.bookmark]);
      expect([...first.items, ...second.items].map((item) => item.file.fileId)).toEqual(['fil-p1xxxx', 'fil-p2xxxx', 'fil-p3xxxx']);
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'Records:listFiles', [IDS.patient, '101', '']))).toBe(
        'INVALID_ARGUMENT',
      );
    });

    it('when reading the version history, then every version is listed oldest first', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      await addVersion(world, world.patient, FILE, { content: sha('7') });
      await addVersion(world, world.patient, FILE, { content: sha('8') });
      const page = await evaluateJson<Page<MedicalFile>>(world, world.patient, 'Records:getVersionHistory', [FILE, '10', '']);
      expect(page.items.map((item) => [item.version, item.status === 'active' ? item.contentSha256 : ''])).toEqual([
        [1, sha('1')],
        [2, sha('7')],
        [3, sha('8')],
      ]);
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.doctor, 'Records:getVersionHistory', [FILE, '10', '']))).toBe(
        'CONSENT_REQUIRED',
      );
    });
  });

  describe('erasePrivateData', () => {
    it('when the patient erases a file, then private details are purged and public records keep no content hash, reference, type or size', async () => {
      await doctorNote(world);
      const amendment = parsed<Amendment>(await proposeAmendment(world, world.patient, NOTE));
      await world.ledger.submit(world.doctor, 'Records:approveAmendment', [amendment.id, sha('a')]);
      world.setTime(world.at(DAY));

      const result = await world.ledger.submit(world.patient, 'Records:erasePrivateData', [NOTE]);

      const erasedAt = world.now().toISOString();
      expect(parsed<MedicalFileHead>(result)).toMatchObject({ status: 'erased', erasedAt, latestVersion: 2 });
      for (const number of [1, 2]) {
        expect(details(world, NOTE, number)).toBeUndefined();
        const tombstone = publicState<Record<string, unknown>>(world, 'medicalFileVersion', [NOTE, versionPart(number)]);
        expect(tombstone).toMatchObject({ status: 'erased', erasedAt, version: number });
        for (const field of ['contentSha256', 'storageRef', 'mediaType', 'sizeBytes']) {
          expect(tombstone).not.toHaveProperty(field);
        }
      }
      expect(privateObject(world, 'amendmentDetails', [amendment.id])).toBeUndefined();
      expect(publicState<Amendment>(world, 'amendment', [amendment.id])).toMatchObject({ status: 'erased', statusBeforeErasure: 'approved' });
      expect(publicState<Record<string, unknown>>(world, 'amendment', [amendment.id])).not.toHaveProperty('storageRef');
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
