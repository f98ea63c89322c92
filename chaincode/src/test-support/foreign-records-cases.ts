import { onObject, patientSide, type Case } from './foreign-case';
import { sha } from './records';
import { blobsOf } from './two-patients';

/** A blob no file holds yet. */
const fresh = { storageRef: 'blob:store/fresh-0001', ciphertext: sha('f') };
const fileTransient = { file: { fileName: 'results.pdf' } };
const amendmentTransient = { amendment: { reason: 'wrong unit' } };

function contentArgs(options: { content?: string; ciphertext?: string; storageRef?: string }): string[] {
  return [options.content ?? sha('1'), options.ciphertext ?? fresh.ciphertext, '2048', 'application/pdf', options.storageRef ?? fresh.storageRef];
}

/** The Records contract: files, versions, blobs and amendments. */
export const RECORDS_CASES: Case[] = [
  {
    argument: 'Records:createFile.fileId',
    foreign: (t) => t.b.ownFile,
    own: () => 'fil-a-new001',
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Records:createFile', args: [value, t.a.patientId, 'lab', ...contentArgs({}), 'false'], transient: fileTransient }),
    refusal: 'ALREADY_EXISTS',
  },
  {
    argument: 'Records:createFile.patientId',
    foreign: (t) => t.b.patientId,
    own: (t) => t.a.patientId,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Records:createFile', args: ['fil-a-new001', value, 'lab', ...contentArgs({}), 'false'], transient: fileTransient }),
    refusal: 'CONSENT_REQUIRED',
  },
  {
    argument: 'Records:createFile.storageRef',
    foreign: (t) => blobsOf(t.b).own.storageRef,
    own: () => fresh.storageRef,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Records:createFile', args: ['fil-a-new001', t.a.patientId, 'lab', ...contentArgs({ storageRef: value }), 'false'], transient: fileTransient }),
    refusal: 'INVALID_ARGUMENT',
  },
  {
    argument: 'Records:createFile.ciphertextSha256',
    foreign: (t) => blobsOf(t.b).own.ciphertext,
    own: () => fresh.ciphertext,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Records:createFile', args: ['fil-a-new001', t.a.patientId, 'lab', ...contentArgs({ ciphertext: value }), 'false'], transient: fileTransient }),
    refusal: 'INVALID_ARGUMENT',
  },
  onObject('Records:addVersion.fileId', (side) => side.ownFile, 'CONSENT_REQUIRED', patientSide, (value) => [value, ...contentArgs({}), 'false'], { transient: fileTransient }),
  {
    argument: 'Records:addVersion.storageRef',
    foreign: (t) => blobsOf(t.b).own.storageRef,
    // A version may name a blob its own file already holds.
    own: (t) => blobsOf(t.a).own.storageRef,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Records:addVersion', args: [t.a.ownFile, ...contentArgs({ storageRef: value }), 'false'], transient: fileTransient }),
    refusal: 'INVALID_ARGUMENT',
  },
  {
    argument: 'Records:addVersion.ciphertextSha256',
    foreign: (t) => blobsOf(t.b).own.ciphertext,
    own: (t) => blobsOf(t.a).own.ciphertext,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Records:addVersion', args: [t.a.ownFile, ...contentArgs({ ciphertext: value }), 'false'], transient: fileTransient }),
    refusal: 'INVALID_ARGUMENT',
  },
  onObject('Records:proposeAmendment.fileId', (side) => side.noteFile, 'CONSENT_REQUIRED', patientSide, (value) => [value, ...contentArgs({})], { transient: amendmentTransient }),
  ...(['amendment', 'note'] as const).flatMap((blob): Case[] => [
    {
      argument: 'Records:proposeAmendment.storageRef',
      label: blob === 'amendment' ? 'the blob of the other patient’s amendment' : 'the blob of the other patient’s version',
      foreign: (t) => blobsOf(t.b)[blob].storageRef,
      own: (t) => blobsOf(t.a)[blob].storageRef,
      attempt: (t, value) => ({ as: t.a.patient, fn: 'Records:proposeAmendment', args: [t.a.noteFile, ...contentArgs({ storageRef: value })], transient: amendmentTransient }),
      refusal: 'INVALID_ARGUMENT',
    },
    {
      argument: 'Records:proposeAmendment.ciphertextSha256',
      label: blob === 'amendment' ? 'the ciphertext of the other patient’s amendment' : 'the ciphertext of the other patient’s version',
      foreign: (t) => blobsOf(t.b)[blob].ciphertext,
      own: (t) => blobsOf(t.a)[blob].ciphertext,
      attempt: (t, value) => ({ as: t.a.patient, fn: 'Records:proposeAmendment', args: [t.a.noteFile, ...contentArgs({ ciphertext: value })], transient: amendmentTransient }),
      refusal: 'INVALID_ARGUMENT',
    },
  ]),
  {
    argument: 'Records:approveAmendment.amendmentId',
    foreign: (t) => t.b.amendment,
    own: (t) => t.a.amendment,
    attempt: (t, value) => ({ as: t.a.doctor, fn: 'Records:approveAmendment', args: [value, value === t.b.amendment ? t.b.amendmentContent : t.a.amendmentContent] }),
    refusal: 'CONSENT_REQUIRED',
  },
  {
    argument: 'Records:approveAmendment.contentSha256',
    foreign: (t) => t.b.amendmentContent,
    own: (t) => t.a.amendmentContent,
    attempt: (t, value) => ({ as: t.a.doctor, fn: 'Records:approveAmendment', args: [t.a.amendment, value] }),
    refusal: 'HASH_MISMATCH',
  },
  onObject('Records:rejectAmendment.amendmentId', (side) => side.amendment, 'CONSENT_REQUIRED', patientSide, (value) => [value]),
  onObject('Records:accessAmendment.amendmentId', (side) => side.amendment, 'CONSENT_REQUIRED', patientSide, (value) => [value]),
  onObject('Records:accessFile.fileId', (side) => side.ownFile, 'CONSENT_REQUIRED', patientSide, (value) => [value, '0']),
  onObject('Records:getFileMetadata.fileId', (side) => side.ownFile, 'CONSENT_REQUIRED', patientSide, (value) => [value], { evaluate: true }),
  onObject('Records:getVersionHistory.fileId', (side) => side.ownFile, 'CONSENT_REQUIRED', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  onObject('Records:listAmendments.fileId', (side) => side.noteFile, 'CONSENT_REQUIRED', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  onObject('Records:listFiles.patientId', (side) => side.patientId, 'CONSENT_REQUIRED', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  onObject('Records:erasePrivateData.fileId', (side) => side.ownFile, 'NOT_OWNER', patientSide, (value) => [value]),
  onObject('Records:recordErasure.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value]),
];
