import type { LedgerIdentity } from '@medledger/ledger-sim';
import type { Amendment } from '../models/amendment';
import { consentWorldForEachTest, eventOf, HOUR, IDS, parsed, refusedWithoutWrite } from '../test-support/consent';
import { accessLogOf, addVersion, blobOf, consent, createFile, details, doctorNote, head, NOTE, pendingAmendmentOnNote, proposeAmendment, publicText, SECRET, sha, T0_ISO } from '../test-support/records';
import { evaluateJson, type Page } from '../test-support/world';
import * as surface from '../contract';
import { privateState } from '../test-support/care';

describe('Records contract', () => {
  const world = consentWorldForEachTest();

  /** The refusal code when `who` approves the amendment confirming `content`; nothing is written. */
  function refusedApproval(who: LedgerIdentity, amendmentId: string, content = sha('a')): Promise<string> {
    return refusedWithoutWrite(world, () => world.ledger.submit(who, 'Records:approveAmendment', [amendmentId, content]));
  }

  describe('amendments', () => {
    it('when the patient proposes an amendment to a clinical note, then it is pending, its reason is private and the file is unchanged', async () => {
      await doctorNote(world);
      const result = await proposeAmendment(world, world.patient, NOTE);

      const amendment = parsed(surface.amendment, result);
      expect(amendment).toMatchObject({
        fileId: NOTE,
        patientId: IDS.patient,
        baseVersion: 1,
        contentSha256: sha('a'),
        status: 'pending',
        proposedBy: IDS.patient,
      });
      expect(head(world, NOTE)?.latestVersion).toBe(1);
      expect(privateState(world, 'amendmentDetails', [amendment.id])).toEqual({ reason: SECRET.amendmentReason });
      expect(eventOf(result)).toEqual({
        name: 'proposeAmendment',
        payload: { amendmentId: amendment.id, fileId: NOTE, baseVersion: 1, patientId: IDS.patient, status: 'pending', at: T0_ISO },
      });
      expect(publicText(world)).not.toContain(SECRET.amendmentReason);
    });

    it('when a doctor with edit consent approves with the proposed hash, then the amendment becomes version 2 (two parties recorded)', async () => {
      const amendment = await pendingAmendmentOnNote(world);
      world.setTime(world.at(HOUR));

      const result = await world.ledger.submit(world.doctor, 'Records:approveAmendment', [amendment.id, sha('a')]);

      const outcome = parsed(surface.amendmentApproval, result);
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
      const amendment = await pendingAmendmentOnNote(world);
      expect(await refusedApproval(world.doctor, amendment.id, sha('c'))).toBe('HASH_MISMATCH');
    });

    it.each([
      ['a doctor without a grant', 'otherDoctor', 'CONSENT_REQUIRED'],
      ['a hospital (wrong role)', 'hospital', 'ROLE_FORBIDDEN'],
      ['the patient themself', 'patient', 'ROLE_FORBIDDEN'],
      ['an unverified doctor', 'pendingDoctor', 'NOT_VERIFIED'],
    ] as const)('when %s approves, then it is refused with %s', async (_label, who, code) => {
      const amendment = await pendingAmendmentOnNote(world);
      expect(await refusedApproval(world[who], amendment.id)).toBe(code);
    });

    it('when the doctor only has view consent, then approval is refused with CONSENT_REQUIRED', async () => {
      await consent(world, IDS.doctor, { scope: { categories: ['clinical-note'] } });
      await createFile(world, world.doctor, NOTE, IDS.patient, 'clinical-note');
      const amendment = parsed(surface.amendment, await proposeAmendment(world, world.patient, NOTE));
      await consent(world, IDS.otherDoctor, { actions: ['view'], scope: { categories: ['clinical-note'] } });
      expect(await refusedApproval(world.otherDoctor, amendment.id)).toBe('CONSENT_REQUIRED');
    });

    it('when the file gained a version after the proposal, then approval is refused with INVALID_STATE', async () => {
      const amendment = await pendingAmendmentOnNote(world);
      await addVersion(world, world.doctor, NOTE);
      expect(await refusedApproval(world.doctor, amendment.id)).toBe('INVALID_STATE');
    });

    it('when an amendment is approved twice, then the second approval is refused with INVALID_STATE', async () => {
      const amendment = await pendingAmendmentOnNote(world);
      await world.ledger.submit(world.doctor, 'Records:approveAmendment', [amendment.id, sha('a')]);
      expect(await refusedApproval(world.doctor, amendment.id)).toBe('INVALID_STATE');
    });

    it('when the doctor rejects, then it is rejected without a new version; the patient can withdraw another', async () => {
      await doctorNote(world);
      const first = parsed(surface.amendment, await proposeAmendment(world, world.patient, NOTE));
      const second = parsed(surface.amendment, await proposeAmendment(world, world.patient, NOTE, { content: sha('d') }));

      const rejected = await world.ledger.submit(world.doctor, 'Records:rejectAmendment', [first.id]);
      const withdrawn = await world.ledger.submit(world.patient, 'Records:rejectAmendment', [second.id]);

      expect(parsed(surface.amendment, rejected)).toMatchObject({ status: 'rejected', decidedBy: IDS.doctor });
      expect(parsed(surface.amendment, withdrawn)).toMatchObject({ status: 'withdrawn', decidedBy: IDS.patient });
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
      const amendment = await pendingAmendmentOnNote(world);
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
      const amendment = await pendingAmendmentOnNote(world);

      const result = await world.ledger.submit(world.doctor, 'Records:accessAmendment', [amendment.id]);

      expect(parsed(surface.amendmentWithDetails, result).details).toEqual({ reason: SECRET.amendmentReason });
      expect(eventOf(result).name).toBe('accessAmendment');
      expect((await accessLogOf(world, world.patient)).filter((item) => item.txId === result.txId)).toEqual([
        expect.objectContaining({ accessorId: IDS.doctor, action: 'edit', resourceType: 'amendment', resourceId: amendment.id, basis: 'grant' }),
      ]);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.otherDoctor, 'Records:accessAmendment', [amendment.id]))).toBe(
        'CONSENT_REQUIRED',
      );
    });

    it('when listing a file\'s amendments, then the patient and the reviewing doctor see them without the reason', async () => {
      const amendment = await pendingAmendmentOnNote(world);
      const page = await evaluateJson<Page<Amendment>>(world, world.doctor, 'Records:listAmendments', [NOTE, '10', '']);
      expect(page.items.map((item) => item.id)).toEqual([amendment.id]);
      expect(JSON.stringify(page)).not.toContain(SECRET.amendmentReason);
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherPatient, 'Records:listAmendments', [NOTE, '10', '']))).toBe(
        'CONSENT_REQUIRED',
      );
    });
  });
});
