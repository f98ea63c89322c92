import { consentWorldForEachTest, DAY, HOUR, IDS, parsed, refusedWithoutWrite } from '../test-support/consent';
import { accessLogOf, addVersion, consent, createFile, FILE, proposeAmendment, sha, T0_ISO } from '../test-support/records';
import * as surface from '../contract';

describe('Records contract', () => {
  const world = consentWorldForEachTest();

  describe('access log of edits', () => {
    const entry = (fields: Record<string, unknown>): unknown => expect.objectContaining({ patientId: IDS.patient, category: 'lab', recordId: FILE, ...fields });

    it('when a doctor with an edit grant creates a file and adds a version, then both edits are in the patient\'s access log', async () => {
      const grantId = await consent(world, IDS.doctor);

      await createFile(world, world.doctor, FILE, IDS.patient, 'lab');
      world.setTime(world.at(HOUR));
      await addVersion(world, world.doctor, FILE, { content: sha('6') });

      // newest first
      expect(await accessLogOf(world, world.patient)).toEqual([
        entry({ accessorId: IDS.doctor, action: 'edit', resourceType: 'file-version', resourceId: `${FILE}.v2`, basis: 'grant', grantId, at: world.now().toISOString() }),
        entry({ accessorId: IDS.doctor, accessorRole: 'doctor', action: 'edit', resourceType: 'file-version', resourceId: `${FILE}.v1`, basis: 'grant', grantId, at: T0_ISO }),
      ]);
    });

    it('when a doctor approves an amendment, then its reads of the base version and the amendment and its new version are logged', async () => {
      const grantId = await consent(world, IDS.doctor);
      await createFile(world, world.doctor, FILE, IDS.patient, 'lab');
      const amendment = parsed(surface.amendment, await proposeAmendment(world, world.patient, FILE));
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
      const amendment = parsed(surface.amendment, await proposeAmendment(world, world.patient, FILE));
      world.setTime(world.at(HOUR));

      await world.ledger.submit(world.doctor, 'Records:rejectAmendment', [amendment.id]);

      const amendmentEntries = (await accessLogOf(world, world.patient)).filter((item) => item.resourceType === 'amendment');
      // newest first
      expect(amendmentEntries).toEqual([
        entry({ accessorId: IDS.doctor, action: 'edit', resourceId: amendment.id, basis: 'grant' }),
        entry({ accessorId: IDS.patient, action: 'edit', resourceId: amendment.id, basis: 'owner' }),
      ]);
    });

    it('when a delegate uploads for the patient, then the edit is logged with basis delegate and the delegation ID', async () => {
      const delegation = parsed(surface.delegationView, await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(30 * DAY)]));

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
});
