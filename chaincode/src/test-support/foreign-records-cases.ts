import { doctorSide, onObject, onObjectAndItsValue, patientSide, type Case, type Invocation } from './foreign-case';
import { sha } from './records';
import { blobsOf, type TwoPatients } from './two-patients';

/** A blob no file holds yet. */
const fresh = { storageRef: 'blob:store/fresh-0001', ciphertext: sha('f') };
const fileTransient = { file: { fileName: 'results.pdf' } };
const amendmentTransient = { amendment: { reason: 'wrong unit' } };

function contentArgs(options: { content?: string; ciphertext?: string; storageRef?: string }): string[] {
  return [options.content ?? sha('1'), options.ciphertext ?? fresh.ciphertext, '2048', 'application/pdf', options.storageRef ?? fresh.storageRef];
}

type Blob = typeof fresh;

/**
 * The two content arguments that name a blob (its storage reference and ciphertext hash), each
 * refused with INVALID_ARGUMENT when it names a blob of the other patient: `attempt` places the
 * content arguments in the transaction's call. `of` labels the cases when one transaction has several.
 */
function blobCases(
  transaction: string,
  blob: { of?: string; foreign(t: TwoPatients): Blob; own(t: TwoPatients): Blob; attempt(t: TwoPatients, content: string[]): Invocation },
): Case[] {
  return (['storageRef', 'ciphertext'] as const).map((field) => ({
    argument: `${transaction}.${field === 'storageRef' ? 'storageRef' : 'ciphertextSha256'}`,
    ...(blob.of === undefined ? {} : { label: `the ${field === 'storageRef' ? 'blob' : 'ciphertext'} of the other patient’s ${blob.of}` }),
    foreign: (t) => blob.foreign(t)[field],
    own: (t) => blob.own(t)[field],
    attempt: (t, value) => blob.attempt(t, contentArgs({ [field]: value })),
    refusal: 'INVALID_ARGUMENT',
  }));
}

/** The Records contract: files, versions, blobs and amendments. */
export const RECORDS_CASES: Case[] = [
  {
    argument: 'Records:createFile.fileId',
    foreign: (t) => t.b.ownFile,
    own: () => 'fil-a-new001',
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Records:createFile', args: [value, t.a.patientId, 'lab', ...contentArgs({}), 'false', 'N'], transient: fileTransient }),
    refusal: 'ALREADY_EXISTS',
  },
  {
    argument: 'Records:createFile.patientId',
    foreign: (t) => t.b.patientId,
    own: (t) => t.a.patientId,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Records:createFile', args: ['fil-a-new001', value, 'lab', ...contentArgs({}), 'false', 'N'], transient: fileTransient }),
    refusal: 'CONSENT_REQUIRED',
  },
  ...blobCases('Records:createFile', {
    foreign: (t) => blobsOf(t.b).own,
    own: () => fresh,
    attempt: (t, content) => ({ as: t.a.patient, fn: 'Records:createFile', args: ['fil-a-new001', t.a.patientId, 'lab', ...content, 'false', 'N'], transient: fileTransient }),
  }),
  onObject('Records:addVersion.fileId', (side) => side.ownFile, 'CONSENT_REQUIRED', patientSide, (value) => [value, ...contentArgs({}), 'false'], { transient: fileTransient }),
  ...blobCases('Records:addVersion', {
    foreign: (t) => blobsOf(t.b).own,
    // A version may name a blob its own file already holds.
    own: (t) => blobsOf(t.a).own,
    attempt: (t, content) => ({ as: t.a.patient, fn: 'Records:addVersion', args: [t.a.ownFile, ...content, 'false'], transient: fileTransient }),
  }),
  onObject('Records:proposeAmendment.fileId', (side) => side.noteFile, 'CONSENT_REQUIRED', patientSide, (value) => [value, ...contentArgs({})], { transient: amendmentTransient }),
  ...(['amendment', 'note'] as const).flatMap((blob) =>
    blobCases('Records:proposeAmendment', {
      of: blob === 'amendment' ? 'amendment' : 'version',
      foreign: (t) => blobsOf(t.b)[blob],
      own: (t) => blobsOf(t.a)[blob],
      attempt: (t, content) => ({ as: t.a.patient, fn: 'Records:proposeAmendment', args: [t.a.noteFile, ...content], transient: amendmentTransient }),
    }),
  ),
  ...onObjectAndItsValue(
    'Records:approveAmendment',
    { parameter: 'amendmentId', pick: (side) => side.amendment, refusal: 'CONSENT_REQUIRED' },
    { parameter: 'contentSha256', pick: (side) => side.amendmentContent, refusal: 'HASH_MISMATCH' },
    doctorSide,
  ),
  onObject('Records:rejectAmendment.amendmentId', (side) => side.amendment, 'CONSENT_REQUIRED', patientSide, (value) => [value]),
  onObject('Records:accessAmendment.amendmentId', (side) => side.amendment, 'CONSENT_REQUIRED', patientSide, (value) => [value]),
  onObject('Records:accessFile.fileId', (side) => side.ownFile, 'CONSENT_REQUIRED', patientSide, (value) => [value, '0']),
  onObject('Records:getFileMetadata.fileId', (side) => side.ownFile, 'CONSENT_REQUIRED', patientSide, (value) => [value], { evaluate: true }),
  onObject('Records:getVersionHistory.fileId', (side) => side.ownFile, 'CONSENT_REQUIRED', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  onObject('Records:listAmendments.fileId', (side) => side.noteFile, 'CONSENT_REQUIRED', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  onObject('Records:listFiles.patientId', (side) => side.patientId, 'CONSENT_REQUIRED', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  onObject('Records:setConfidentiality.fileId', (side) => side.ownFile, 'NOT_OWNER', patientSide, (value) => [value, 'R']),
  onObject('Records:erasePrivateData.fileId', (side) => side.ownFile, 'NOT_OWNER', patientSide, (value) => [value]),
  onObject('Records:erasePatientData.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value, '10']),
  onObject('Records:recordErasure.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value, 'true', '1', '1', '0']),
  // A's own receipt does not exist until A erases: NOT_FOUND, not a refusal of ownership.
  onObject('Records:getErasureReceipt.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true, ownOutcome: 'NOT_FOUND' }),
];
