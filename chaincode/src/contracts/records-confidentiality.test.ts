import type { AccessLogEntry } from '../models/access-log-entry';
import * as surface from '../contract';
import { IDS, MINUTE, checkAccess, createConsentWorld, eventOf, grant, openBreakGlass, parsed, refusedWithoutWrite, type ConsentWorld } from '../test-support/consent';
import { createFile, head, publicText } from '../test-support/records';
import { evaluateJson } from '../test-support/world';

/**
 * Confidentiality labels (N, R, V) on medical files: set at upload, changed by the patient only; a
 * category grant reaches N files only; break-glass reaches a V file only once the doctor opens it
 * with a second, separate reason.
 */
let world: ConsentWorld;

beforeEach(async () => {
  world = await createConsentWorld();
});

const N_FILE = 'fil-normal01';
const R_FILE = 'fil-restrict';
const V_FILE = 'fil-veryrest';
const FOR_EMERGENCY = { transient: { [surface.PURPOSE_TRANSIENT_KEY]: 'ETREAT' } };
const SALT = Buffer.alloc(32, 5).toString('base64');
const FIRST_REASON = 'unconscious on arrival';
const SECOND_REASON = 'antiretroviral interactions with the antidote';

async function labelledFiles(): Promise<void> {
  await createFile(world, world.patient, N_FILE, IDS.patient, 'lab', { confidentiality: 'N' });
  await createFile(world, world.patient, R_FILE, IDS.patient, 'lab', { confidentiality: 'R' });
  await createFile(world, world.patient, V_FILE, IDS.patient, 'lab', { confidentiality: 'V' });
}

async function refusal(promise: () => Promise<unknown>): Promise<string> {
  let message = '';
  const code = await refusedWithoutWrite(world, async () => {
    try {
      await promise();
    } catch (error) {
      message = (error as Error).message;
      throw error;
    }
  });
  return `${code} | ${message}`;
}

function download(who: keyof ConsentWorld & ('doctor' | 'otherDoctor'), fileId: string, options = {}) {
  return async () => parsed(surface.fileAccess, await world.ledger.submit(world[who], 'Records:accessFile', [fileId, '0'], options));
}

function openRecord(fileId: string, reason = SECOND_REASON) {
  return world.ledger.submit(world.doctor, 'Consent:openBreakGlassRecord', [IDS.patient, fileId], { transient: { breakGlassRecord: JSON.stringify({ reason, salt: SALT }) } });
}

describe('labels at upload', () => {
  it('when files are uploaded with N, R and V, then each head carries its label and downloads say it', async () => {
    await labelledFiles();
    expect([N_FILE, R_FILE, V_FILE].map((fileId) => head(world, fileId)?.confidentiality)).toEqual(['N', 'R', 'V']);
    const own = parsed(surface.fileAccess, await world.ledger.submit(world.patient, 'Records:accessFile', [V_FILE, '0']));
    expect(own.confidentiality).toBe('V');
  });

  it.each(['', 'n', 'X', 'NR', 'restricted'])('when the label is %j, then the upload is refused with INVALID_ARGUMENT and nothing is written', async (label) => {
    const message = await refusal(() => createFile(world, world.patient, N_FILE, IDS.patient, 'lab', { confidentiality: label }));
    expect(message).toMatch(/^INVALID_ARGUMENT .*confidentiality/);
  });
});

describe('category grants and labels', () => {
  it('when a doctor holds a category grant, then it reaches the N file only, and the refusal names the label and how to cover it', async () => {
    await labelledFiles();
    const created = await grant(world, world.patient, IDS.doctor, { scope: { categories: ['lab'] } });
    expect((await download('doctor', N_FILE)()).basis).toBe('grant');
    for (const fileId of [R_FILE, V_FILE]) {
      const message = await refusal(download('doctor', fileId));
      expect(message).toMatch(/^CONSENT_REQUIRED /);
      expect(message).toContain(`grant ${created.id} covers lab as a category, and record ${fileId} is labelled`);
      expect(message).toContain('only a grant that names the record covers it');
    }
    expect(await refusal(() => checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', R_FILE))).toMatch(/^CONSENT_REQUIRED /);
  });

  it('when a doctor lists the patient’s files under a category grant, then R and V files are left out; the patient sees all three', async () => {
    await labelledFiles();
    await grant(world, world.patient, IDS.doctor, { scope: { categories: ['lab'] } });
    const listed = (who: 'doctor' | 'patient') => evaluateJson<{ items: { file: { fileId: string } }[] }>(world, world[who], 'Records:listFiles', [IDS.patient, '10', '']);
    expect((await listed('doctor')).items.map((item) => item.file.fileId)).toEqual([N_FILE]);
    expect((await listed('patient')).items.map((item) => item.file.fileId).sort()).toEqual([N_FILE, R_FILE, V_FILE].sort());
    expect(await refusal(() => world.ledger.evaluate(world.doctor, 'Records:getFileMetadata', [V_FILE]))).toMatch(/^CONSENT_REQUIRED /);
  });

  it('when the grant names the R or V record, then it covers it', async () => {
    await labelledFiles();
    const named = await grant(world, world.patient, IDS.doctor, { scope: { recordIds: [R_FILE, V_FILE] } });
    expect((await download('doctor', R_FILE)()).basis).toBe('grant');
    expect(await checkAccess(world, world.doctor, IDS.patient, 'view', 'lab', V_FILE)).toMatchObject({ basis: 'grant', grantId: named.id });
  });
});

describe('Records:setConfidentiality', () => {
  it('when the patient relabels an N file V, then the category grant stops reaching it, an event is emitted and the change is logged', async () => {
    await labelledFiles();
    await grant(world, world.patient, IDS.doctor, { scope: { categories: ['lab'] } });
    const result = await world.ledger.submit(world.patient, 'Records:setConfidentiality', [N_FILE, 'V']);
    const view = parsed(surface.fileMetadataView, result);
    expect(view.file).toMatchObject({ fileId: N_FILE, confidentiality: 'V', updatedAt: world.at(0) });
    expect(eventOf(result)).toEqual({ name: 'setConfidentiality', payload: { fileId: N_FILE, patientId: IDS.patient, from: 'N', to: 'V', at: world.at(0) } });
    const log = await evaluateJson<{ items: AccessLogEntry[] }>(world, world.patient, 'AccessLog:listMine', ['50', '']);
    expect(log.items).toContainEqual(expect.objectContaining({ resourceType: 'file', resourceId: N_FILE, action: 'edit', basis: 'owner' }));
    expect(await refusal(download('doctor', N_FILE))).toMatch(/labelled V/);

    await world.ledger.submit(world.patient, 'Records:setConfidentiality', [N_FILE, 'N']);
    expect((await download('doctor', N_FILE)()).basis).toBe('grant');
  });

  it.each([
    ['the doctor', 'ROLE_FORBIDDEN', 'doctor'],
    ['a delegate', 'NOT_OWNER', 'delegate'],
    ['another patient', 'NOT_OWNER', 'otherPatient'],
  ] as const)('when %s relabels the patient’s file, then it is refused with %s and nothing is written', async (_who, code, who) => {
    await labelledFiles();
    await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(24 * 60 * MINUTE)]);
    await grant(world, world.patient, IDS.doctor, { actions: ['view', 'edit'], scope: { categories: ['lab'] } });
    expect(await refusal(() => world.ledger.submit(world[who], 'Records:setConfidentiality', [V_FILE, 'N']))).toMatch(new RegExp(`^${code} `));
    expect(head(world, V_FILE)?.confidentiality).toBe('V');
  });

  it.each([
    ['an unknown label', [V_FILE, 'L'], 'INVALID_ARGUMENT'],
    ['an unknown file', ['fil-missing1', 'R'], 'NOT_FOUND'],
  ])('when the patient gives %s, then it is refused and nothing is written', async (_what, args, code) => {
    await labelledFiles();
    expect(await refusal(() => world.ledger.submit(world.patient, 'Records:setConfidentiality', args))).toMatch(new RegExp(`^${code} `));
  });
});

describe('break-glass and labels', () => {
  it('when a doctor has an open window, then ETREAT reaches N and R files, and a V file is refused with how to open it', async () => {
    await labelledFiles();
    await openBreakGlass(world, world.doctor, IDS.patient, FIRST_REASON, SALT);
    expect((await download('doctor', N_FILE, FOR_EMERGENCY)()).basis).toBe('break-glass');
    expect((await download('doctor', R_FILE, FOR_EMERGENCY)()).basis).toBe('break-glass');
    const message = await refusal(download('doctor', V_FILE, FOR_EMERGENCY));
    expect(message).toMatch(/^CONSENT_REQUIRED /);
    expect(message).toContain(`record ${V_FILE} is labelled V`);
    expect(message).toContain('openBreakGlassRecord');
  });

  it('when the doctor opens the V file with a second reason, then ETREAT reads of it are allowed and logged as break-glass; the reason stays private', async () => {
    await labelledFiles();
    const window = parsed(surface.breakGlassView, await openBreakGlass(world, world.doctor, IDS.patient, FIRST_REASON, SALT));
    const result = await openRecord(V_FILE);
    const opened = parsed(surface.breakGlassRecord, result);
    expect(opened).toMatchObject({ breakGlassId: window.id, recordId: V_FILE, patientId: IDS.patient, doctorId: IDS.doctor, expiresAt: window.expiresAt });
    expect(opened.reasonHash).not.toBe(window.reasonHash);
    expect(eventOf(result).name).toBe('breakGlassRecord');
    expect(publicText(world)).not.toContain('antiretroviral');
    const privateText = (world.ledger.toJSON().privateData.healthRecords ?? []).map((entry) => Buffer.from(entry.value, 'base64').toString('utf8')).join('\n');
    expect(privateText).toContain(SECOND_REASON);

    expect((await download('doctor', V_FILE, FOR_EMERGENCY)()).basis).toBe('break-glass');
    const log = await evaluateJson<{ items: AccessLogEntry[] }>(world, world.patient, 'AccessLog:listMine', ['50', '']);
    expect(log.items).toContainEqual(expect.objectContaining({ accessorId: IDS.doctor, recordId: V_FILE, basis: 'break-glass', breakGlassId: window.id, purpose: 'ETREAT' }));
    // Still ETREAT only, and only within the window.
    expect(await refusal(download('doctor', V_FILE))).toMatch(/covers ETREAT only/);
    world.setTime(world.at(60 * MINUTE));
    expect(await refusal(download('doctor', V_FILE, FOR_EMERGENCY))).toMatch(/^CONSENT_REQUIRED /);
  });

  it('when the second reason repeats the first, then it is refused with INVALID_ARGUMENT', async () => {
    await labelledFiles();
    await openBreakGlass(world, world.doctor, IDS.patient, FIRST_REASON, SALT);
    expect(await refusal(() => openRecord(V_FILE, ` ${FIRST_REASON} `))).toMatch(/^INVALID_ARGUMENT .*own, separate reason/);
  });

  it.each([
    ['without an open window', 'INVALID_STATE', false, V_FILE],
    ['for an R file (no opening needed)', 'INVALID_STATE', true, R_FILE],
    ['for an unknown record', 'NOT_FOUND', true, 'fil-missing1'],
  ] as const)('when the doctor opens a record %s, then it is refused with %s and nothing is written', async (_what, code, window, fileId) => {
    await labelledFiles();
    if (window) {
      await openBreakGlass(world, world.doctor, IDS.patient, FIRST_REASON, SALT);
    }
    expect(await refusal(() => openRecord(fileId))).toMatch(new RegExp(`^${code} `));
  });

  it('when the doctor opens the same V file twice, then the second is refused with ALREADY_EXISTS; another doctor’s window does not carry the opening', async () => {
    await labelledFiles();
    await openBreakGlass(world, world.doctor, IDS.patient, FIRST_REASON, SALT);
    await openRecord(V_FILE);
    expect(await refusal(() => openRecord(V_FILE, 'a third reason'))).toMatch(/^ALREADY_EXISTS /);
    await openBreakGlass(world, world.otherDoctor, IDS.patient, FIRST_REASON, SALT);
    expect(await refusal(download('otherDoctor', V_FILE, FOR_EMERGENCY))).toMatch(/labelled V/);
  });

  it('when no transient reason is given, then INVALID_ARGUMENT', async () => {
    await labelledFiles();
    await openBreakGlass(world, world.doctor, IDS.patient, FIRST_REASON, SALT);
    expect(await refusal(() => world.ledger.submit(world.doctor, 'Consent:openBreakGlassRecord', [IDS.patient, V_FILE]))).toMatch(/^INVALID_ARGUMENT /);
  });
});
