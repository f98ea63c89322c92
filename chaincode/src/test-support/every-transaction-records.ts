import { sha256Hex } from '../lib/sha256';
import { CAST, fakeHash, type Story } from './every-transaction';

/** The active file the hospital attaches as a service report. */
export const REPORT_FILE = 'file-every-report';

const PATIENT_FILE = 'file-every-own';
const DOCTOR_FILE = 'file-every-note';
/** A file the patient labels very restricted (V), which the doctor's break-glass window (consent story) opens with its own reason. */
const SENSITIVE_FILE = 'file-every-sensitive';

/** Content arguments of a version of `fileId`: each upload has a ciphertext and storage reference of its own. */
function content(fileId: string, upload: string, plaintext: string): string[] {
  return [plaintext, sha256Hex(`${fileId}/${upload}`), '2048', 'application/pdf', `blob:store/${fileId}/${upload}`];
}

/** Records: every transaction once, erasure last (versions and amendments are then tombstones). */
export async function recordsStory(story: Story): Promise<void> {
  const { who, submit, evaluate } = story;
  const file = (fileName: string) => ({ file: { fileName, description: 'ferritin follow-up' } });

  await submit(who.patient, 'Records:createFile', [PATIENT_FILE, CAST.patient, 'lab', ...content(PATIENT_FILE, 'v1', fakeHash('1')), 'true', 'N'], file('own.pdf'));
  await submit(who.patient, 'Records:addVersion', [PATIENT_FILE, ...content(PATIENT_FILE, 'v2', fakeHash('2')), 'true'], file('own-2.pdf'));
  await submit(who.patient, 'Records:createFile', [REPORT_FILE, CAST.patient, 'lab', ...content(REPORT_FILE, 'v1', fakeHash('3')), 'false', 'N'], file('report.pdf'));
  await submit(who.doctor, 'Records:createFile', [DOCTOR_FILE, CAST.patient, 'clinical-note', ...content(DOCTOR_FILE, 'v1', fakeHash('4')), 'false', 'N'], file('note.pdf'));

  await submit(who.patient, 'Records:createFile', [SENSITIVE_FILE, CAST.patient, 'lab', ...content(SENSITIVE_FILE, 'v1', fakeHash('7')), 'true', 'R'], file('sensitive.pdf'));
  await submit(who.patient, 'Records:setConfidentiality', [SENSITIVE_FILE, 'V']);
  await submit(who.doctor, 'Consent:openBreakGlassRecord', [CAST.patient, SENSITIVE_FILE], {
    breakGlassRecord: { reason: 'toxicology history needed for the antidote', salt: Buffer.alloc(32, 9).toString('base64') },
  });

  const approved = await submit<{ id: string }>(who.patient, 'Records:proposeAmendment', [DOCTOR_FILE, ...content(DOCTOR_FILE, 'a1', fakeHash('5'))], {
    amendment: { reason: 'the allergy is wrong', fileName: 'note-corrected.pdf' },
  });
  await submit(who.doctor, 'Records:accessAmendment', [approved.id]);
  await submit(who.doctor, 'Records:approveAmendment', [approved.id, fakeHash('5')]);
  const rejected = await submit<{ id: string }>(who.patient, 'Records:proposeAmendment', [DOCTOR_FILE, ...content(DOCTOR_FILE, 'a2', fakeHash('6'))], {
    amendment: { reason: 'the dose is wrong' },
  });
  await submit(who.doctor, 'Records:rejectAmendment', [rejected.id]);

  await submit(who.doctor, 'Records:accessFile', [PATIENT_FILE, '0']);
  await evaluate(who.doctor, 'Records:getFileMetadata', [PATIENT_FILE]);
  await evaluate(who.patient, 'Records:listFiles', [CAST.patient, '10', '']);
  await evaluate(who.patient, 'Records:getVersionHistory', [PATIENT_FILE, '10', '']);
  await evaluate(who.patient, 'Records:listAmendments', [DOCTOR_FILE, '10', '']);
}

/** Erases one file, then the patient's data, then lists what the ledger keeps of the files (tombstones). */
export async function erasureStory(story: Story): Promise<void> {
  const { who, submit, evaluate } = story;
  // One file alone; the patient's erasure then purges the rest, amendments included, so its receipt names every kind.
  await submit(who.patient, 'Records:erasePrivateData', [PATIENT_FILE]);
  await submit(who.patient, 'Records:erasePatientData', [CAST.patient, '200']);
  await submit(who.patient, 'Records:recordErasure', [CAST.patient, 'true', '4', '4', '0']);
  await evaluate(who.patient, 'Records:getErasureReceipt', [CAST.patient]);
  await evaluate(who.patient, 'Records:getVersionHistory', [PATIENT_FILE, '10', '']);
  await evaluate(who.patient, 'Records:listAmendments', [DOCTOR_FILE, '10', '']);
  await evaluate(who.patient, 'Records:listFiles', [CAST.patient, '10', '']);
}
