import type { FileMetadataView, MedicalFile } from '../models/medical-file';
import { consentWorldForEachTest, DAY, eventOf, HOUR, IDS, openBreakGlass, parsed, refusedWithoutWrite, type ConsentWorld, type GrantOptions } from '../test-support/consent';
import { accessLogOf, addVersion, blobOf, consent, createFile, FILE, SECRET, sha, T0_ISO } from '../test-support/records';
import { evaluateJson, type Page } from '../test-support/world';
import * as surface from '../contract';

/**
 * The patient's access log without the entries every upload and amendment writes (action 'edit'),
 * so a test about reads sees only the reads.
 */
async function readsInLog(world: ConsentWorld): Promise<Record<string, unknown>[]> {
  return (await accessLogOf(world, world.patient)).filter((item) => item.action !== 'edit');
}

describe('Records contract', () => {
  const world = consentWorldForEachTest();

  describe('accessFile', () => {
    it('when a doctor with view consent downloads, then it gets metadata and private details and the access is logged', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      const grantId = await consent(world, IDS.doctor, { actions: ['view'] });

      const result = await world.ledger.submit(world.doctor, 'Records:accessFile', [FILE, '1']);

      const access = parsed(surface.fileAccess, result);
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
      const access = parsed(surface.fileAccess, await world.ledger.submit(world.patient, 'Records:accessFile', [FILE, '0']));
      expect(access).toMatchObject({ basis: 'owner', latestVersion: 2, file: { version: 2, contentSha256: sha('6') } });
      expect(await readsInLog(world)).toEqual([expect.objectContaining({ basis: 'owner', resourceId: `${FILE}.v2` })]);
    });

    it('when a doctor has an open break-glass window, then it can download and the access is logged as break-glass', async () => {
      await createFile(world, world.patient, FILE, IDS.patient);
      await openBreakGlass(world, world.doctor, IDS.patient);
      const forEmergency = { transient: { [surface.PURPOSE_TRANSIENT_KEY]: 'ETREAT' } };
      expect(parsed(surface.fileAccess, await world.ledger.submit(world.doctor, 'Records:accessFile', [FILE, '1'], forEmergency)).basis).toBe('break-glass');
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
});
