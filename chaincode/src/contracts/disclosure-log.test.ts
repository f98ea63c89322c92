import { PURPOSE_TRANSIENT_KEY } from '../contract';
import { consentWorldForEachTest, IDS, openBreakGlass, type ConsentWorld } from '../test-support/consent';
import { policyHolder, insWorld, INSURER, PATIENT, submitClaim } from '../test-support/insurance';
import { accessLogOf, consent, createFile } from '../test-support/records';
import { evaluateJson, submitJson, type Page } from '../test-support/world';

/** The read entries in the patient's log (uploads write 'edit' entries of their own). */
async function readsInLog(world: ConsentWorld): Promise<Record<string, unknown>[]> {
  return (await accessLogOf(world, world.patient)).filter((item) => item.action !== 'edit');
}

describe('The accounting of disclosures: metadata and list reads', () => {
  const world = consentWorldForEachTest();

  it('when a grantee reads a file\'s metadata, then the read is logged; when the patient reads it, nothing is', async () => {
    await createFile(world, world.patient, 'fil-lab00001', IDS.patient);
    const grantId = await consent(world, IDS.doctor, { actions: ['view'] });

    await submitJson(world, world.patient, 'Records:getFileMetadata', ['fil-lab00001']);
    expect(await readsInLog(world)).toEqual([]);
    await submitJson(world, world.doctor, 'Records:getFileMetadata', ['fil-lab00001']);

    expect(await readsInLog(world)).toEqual([
      expect.objectContaining({ accessorId: IDS.doctor, action: 'view', category: 'lab', resourceType: 'file', resourceId: 'fil-lab00001', basis: 'grant', grantId }),
    ]);
  });

  it('when a break-glass doctor reads metadata and the version history, then both are logged as break-glass', async () => {
    await createFile(world, world.patient, 'fil-lab00001', IDS.patient);
    await openBreakGlass(world, world.doctor, IDS.patient);

    // Break-glass covers emergency treatment only, so the doctor states ETREAT.
    const forEmergency = { [PURPOSE_TRANSIENT_KEY]: 'ETREAT' };
    await submitJson(world, world.doctor, 'Records:getFileMetadata', ['fil-lab00001'], forEmergency);
    await submitJson(world, world.doctor, 'Records:getVersionHistory', ['fil-lab00001', '10', ''], forEmergency);

    const reads = (await readsInLog(world)).filter((entry) => entry.accessorId === IDS.doctor);
    expect(reads.map((entry) => `${String(entry.resourceType)} ${String(entry.basis)}`).sort()).toEqual(['file break-glass', 'file-versions break-glass']);
  });

  it('when a grantee pages through the files by submitting, then it gets the pages the patient evaluates and one entry per category and page', async () => {
    for (const [fileId, category] of [['fil-lab00001', 'lab'], ['fil-img00001', 'imaging'], ['fil-lab00002', 'lab']] as const) {
      await createFile(world, world.patient, fileId, IDS.patient, category);
    }
    await consent(world, IDS.doctor, { actions: ['view'], scope: { categories: ['lab', 'imaging'] } });

    const own1 = await evaluateJson<Page<unknown>>(world, world.patient, 'Records:listFiles', [IDS.patient, '2', '']);
    const own2 = await evaluateJson<Page<unknown>>(world, world.patient, 'Records:listFiles', [IDS.patient, '2', own1.bookmark]);
    const logged1 = await submitJson<Page<unknown>>(world, world.doctor, 'Records:listFiles', [IDS.patient, '2', '']);
    const logged2 = await submitJson<Page<unknown>>(world, world.doctor, 'Records:listFiles', [IDS.patient, '2', logged1.bookmark]);

    expect([logged1, logged2]).toEqual([own1, own2]);
    expect(own2.bookmark).toBe('');
    const lists = (await readsInLog(world)).filter((entry) => entry.resourceType === 'list');
    expect(lists.map((entry) => [entry.accessorId, entry.category, entry.resourceId])).toEqual(
      expect.arrayContaining([
        [IDS.doctor, 'lab', `files.${IDS.patient}`],
        [IDS.doctor, 'imaging', `files.${IDS.patient}`],
      ]),
    );
    expect(lists).toHaveLength(3);
  });

  it('when a logged list is given a bookmark from another list, then it is refused like a paginated one', async () => {
    await createFile(world, world.patient, 'fil-lab00001', IDS.patient);
    await consent(world, IDS.doctor, { actions: ['view'] });
    const foreign = world.ledger.submit(world.doctor, 'Records:listFiles', [IDS.patient, '2', '\u0000medicalFile\u0000pat-aaaaaa\u0000']);

    await expect(foreign).rejects.toThrow(/bookmark does not belong to this list/);
  });
});

describe('The accounting of disclosures: workflow parties', () => {
  it('when the insurer reads a claim and lists its claims and policies, then each read is logged as party', async () => {
    const ins = await insWorld();
    const policy = await policyHolder(ins);
    await submitClaim(ins, policy.id);

    await submitJson(ins.world, ins.insurer, 'Insurance:getClaim', ['clm-0001']);
    await submitJson(ins.world, ins.insurer, 'Insurance:listClaimsByInsurer', ['', '10', '']);
    await submitJson(ins.world, ins.insurer, 'Insurance:listPoliciesByInsurer', ['10', '']);
    await submitJson(ins.world, ins.patient, 'Insurance:getClaim', ['clm-0001']);

    const log = await evaluateJson<{ items: Record<string, unknown>[] }>(ins.world, ins.patient, 'AccessLog:listMine', ['100', '']);
    const reads = log.items.filter((entry) => entry.action === 'view');
    expect(reads.map((entry) => [entry.accessorId, entry.basis, entry.resourceType, entry.resourceId])).toEqual(
      expect.arrayContaining([
        [INSURER, 'party', 'claim', 'clm-0001'],
        [INSURER, 'party', 'list', `claims.${PATIENT}`],
        [INSURER, 'party', 'list', `policies.${PATIENT}`],
      ]),
    );
    expect(reads.filter((entry) => entry.accessorId === PATIENT)).toEqual([]);
  });
});
