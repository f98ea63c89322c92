import type { LedgerIdentity } from '@medledger/ledger-sim';
import 'reflect-metadata';
import { contracts } from '../index';
import { DAY, refusedWithoutWrite } from '../test-support/consent';
import { createFile, sha } from '../test-support/records';
import { blobsOf, createTwoPatients, type Side, type TwoPatients } from '../test-support/two-patients';

/**
 * The class of "a value of another patient": every transaction argument that names a record, a
 * file, a stored blob or a hash (a parameter named …Id, …Sha256, …Hash, …Ref or …ScopeJson) is
 * either listed here with a case, or exempted below with the reason. Each case hands patient A's
 * side a value of patient B and expects a refusal that writes nothing; then A's own value must not
 * meet the same refusal, which shows it was the foreign value that was refused. The last test reads
 * the contracts' transaction metadata, so a new argument of the class cannot go untested.
 */

interface Invocation {
  as: LedgerIdentity;
  fn: string;
  args: string[];
  transient?: Record<string, unknown>;
  /** An evaluated (read-only) transaction. */
  evaluate?: true;
}

interface Case {
  /** "Contract:transaction.parameter" */
  argument: string;
  /** What the foreign value is, when one argument has several cases. */
  label?: string;
  foreign(t: TwoPatients): string;
  own(t: TwoPatients): string;
  /** Arranges what both attempts need (before the refusal is measured); its result is passed on. */
  prepare?(t: TwoPatients, value: string): Promise<string>;
  attempt(t: TwoPatients, value: string, prepared: string): Invocation;
  refusal: string;
  /** What A's own value gets: 'ok', or a refusal for the state the fixture left A's object in (never `refusal`). */
  ownOutcome?: string;
}

/** Argument names of the class that name no patient's record, with the reason. */
const EXEMPT_NAMES: Record<string, string> = {
  stakeholderId: 'a stakeholder registration, managed by the admin and the regulator, not patient data',
  licenceHash: 'the hash of a professional’s licence reference, checked off chain by the admin',
  granteeId: 'the professional the patient chooses to grant; not a record',
  delegateId: 'the person the patient chooses to delegate to; not a record',
  pharmacyId: 'the pharmacy the patient chooses; its consent is decided by the access decision',
  providerId: 'the provider the patient books with; not a record',
  hospitalId: 'the hospital the patient asks for an estimate; not a record',
  packageId: 'an insurer’s published package, offered to every patient',
  recommendedPackageId: 'an insurer’s published package, offered to every patient',
  termsSha256: 'the hash of an insurer’s published terms, the same for every applicant',
  acceptedTermsSha256: 'the hash of an insurer’s published terms, the same for every applicant',
  paymentRef: 'a reference of the payment system, opaque to the chain',
};

const PLAINTEXT_HASH =
  'the plaintext SHA-256: two patients may hold byte-identical documents, and refusing one would tell it the other exists (the ciphertext hash and storage reference are claimed instead)';

/** Single arguments of the class that name no record of another patient, with the reason. */
const EXEMPT_ARGUMENTS: Record<string, string> = {
  'Records:createFile.contentSha256': PLAINTEXT_HASH,
  'Records:addVersion.contentSha256': PLAINTEXT_HASH,
  'Records:proposeAmendment.contentSha256': PLAINTEXT_HASH,
  'Insurance:submitClaim.invoiceSha256': 'the hash of an invoice the insurer judges; two claims may cite one invoice, which is the insurer’s call',
  'Consent:requestAccess.patientId': 'a professional may ask any patient for consent; the request grants nothing',
  'Consent:breakGlass.patientId': 'emergency access needs no consent, by design; every opening is recorded for the patient',
};

const lab = (fileId: string) => JSON.stringify({ recordIds: [fileId] });
const view = '["view"]';
/** A blob no file holds yet. */
const fresh = { storageRef: 'blob:store/fresh-0001', ciphertext: sha('f') };
const fileTransient = { file: { fileName: 'results.pdf' } };
const amendmentTransient = { amendment: { reason: 'wrong unit' } };

function contentArgs(options: { content?: string; ciphertext?: string; storageRef?: string }): string[] {
  return [options.content ?? sha('1'), options.ciphertext ?? fresh.ciphertext, '2048', 'application/pdf', options.storageRef ?? fresh.storageRef];
}

const patientSide = (side: Side) => side.patient;

/** Records the consent rows check a grant's and an access check's record IDs against, one per kind. */
const RECORD_KINDS: { label: string; id: (side: Side) => string; category: string }[] = [
  { label: 'a medical file', id: (side) => side.ownFile, category: 'lab' },
  { label: 'a prescription', id: (side) => side.prescription, category: 'prescription' },
  { label: 'an appointment', id: (side) => side.appointment, category: 'appointment' },
  { label: 'a hospital service request', id: (side) => side.service, category: 'billing' },
  { label: 'an insurance claim', id: (side) => side.claim, category: 'billing' },
  { label: 'an insurance application', id: (side) => side.application, category: 'insurance' },
  { label: 'an insurance policy', id: (side) => side.policy, category: 'insurance' },
];

/** A case where A's patient calls `fn` with B's object in place of A's, as the only argument besides fixed ones. */
function onObject(
  argument: string,
  pick: (side: Side) => string,
  refusal: string,
  who: (side: Side) => LedgerIdentity,
  args: (value: string) => string[],
  { ownOutcome, ...options }: { evaluate?: true; transient?: Record<string, unknown>; ownOutcome?: string } = {},
): Case {
  const fn = argument.split('.')[0] ?? argument;
  return {
    argument,
    foreign: (t) => pick(t.b),
    own: (t) => pick(t.a),
    attempt: (t, value) => ({ as: who(t.a), fn, args: args(value), ...options }),
    refusal,
    ownOutcome,
  };
}

const records: Case[] = [
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

const grantArgs = (t: TwoPatients, scope: string) => [t.a.doctorId, view, scope, 'TREAT', t.world.at(0), t.world.at(30 * DAY)];

const consent: Case[] = [
  ...RECORD_KINDS.map(
    (kind): Case => ({
      argument: 'Consent:grant.scopeJson',
      label: kind.label,
      foreign: (t) => lab(kind.id(t.b)),
      own: (t) => lab(kind.id(t.a)),
      attempt: (t, value) => ({ as: t.a.patient, fn: 'Consent:grant', args: grantArgs(t, value) }),
      refusal: 'NOT_FOUND',
    }),
  ),
  {
    argument: 'Consent:grantFor.scopeJson',
    foreign: (t) => lab(t.b.ownFile),
    own: (t) => lab(t.a.ownFile),
    // The delegate acts for both patients; a grant for A must still name only A's records.
    attempt: (t, value) => ({ as: t.world.delegate, fn: 'Consent:grantFor', args: [t.a.patientId, ...grantArgs(t, value)] }),
    refusal: 'NOT_FOUND',
  },
  {
    argument: 'Consent:grantFor.patientId',
    foreign: (t) => t.b.patientId,
    own: (t) => t.a.patientId,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Consent:grantFor', args: [value, ...grantArgs(t, '{"categories":["lab"]}')] }),
    refusal: 'NOT_OWNER',
  },
  onObject('Consent:revoke.grantId', (side) => side.grant, 'NOT_OWNER', patientSide, (value) => [value]),
  onObject('Consent:getGrant.grantId', (side) => side.grant, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true }),
  onObject('Consent:listGrantsByPatient.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  {
    argument: 'Consent:requestAccess.scopeJson',
    foreign: (t) => lab(t.b.ownFile),
    own: (t) => lab(t.a.ownFile),
    // Not refused when asked (that would tell a professional without consent which record IDs the
    // patient has); the request grants nothing, and approving it as asked is refused.
    prepare: async (t, value) => {
      const asked = await t.world.ledger.submit(t.a.doctor, 'Consent:requestAccess', [t.a.patientId, view, value, 'TREAT', t.world.at(30 * DAY)]);
      return (JSON.parse(asked.payload) as { id: string }).id;
    },
    attempt: (t, value, requestId) => ({ as: t.a.patient, fn: 'Consent:approveRequest', args: [requestId, view, value, t.world.at(30 * DAY)] }),
    refusal: 'NOT_FOUND',
  },
  {
    argument: 'Consent:approveRequest.approvedScopeJson',
    foreign: (t) => lab(t.b.ownFile),
    own: (t) => lab(t.a.ownFile),
    prepare: async (t) => {
      const scope = JSON.stringify({ recordIds: [t.a.ownFile, t.b.ownFile] });
      const asked = await t.world.ledger.submit(t.a.doctor, 'Consent:requestAccess', [t.a.patientId, view, scope, 'TREAT', t.world.at(30 * DAY)]);
      return (JSON.parse(asked.payload) as { id: string }).id;
    },
    attempt: (t, value, requestId) => ({ as: t.a.patient, fn: 'Consent:approveRequest', args: [requestId, view, value, t.world.at(30 * DAY)] }),
    refusal: 'NOT_FOUND',
  },
  {
    argument: 'Consent:approveRequest.requestId',
    foreign: (t) => t.b.request,
    own: (t) => t.a.request,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Consent:approveRequest', args: [value, view, '{"categories":["lab"]}', t.world.at(DAY)] }),
    refusal: 'NOT_OWNER',
  },
  onObject('Consent:denyRequest.requestId', (side) => side.request, 'NOT_OWNER', patientSide, (value) => [value]),
  onObject('Consent:getRequest.requestId', (side) => side.request, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true }),
  onObject('Consent:listRequestsByPatient.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  onObject('Consent:revokeDelegation.delegationId', (side) => side.delegation, 'NOT_OWNER', patientSide, (value) => [value]),
  onObject('Consent:getDelegation.delegationId', (side) => side.delegation, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true }),
  onObject('Consent:getBreakGlass.breakGlassId', (side) => side.breakGlass, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true }),
  onObject('Consent:listBreakGlassByPatient.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  ...RECORD_KINDS.flatMap((kind): Case[] =>
    (['doctor', 'patient'] as const).map((who) => ({
      argument: 'Consent:checkAccess.recordId',
      label: `${kind.label}, checked by ${who === 'doctor' ? 'a doctor with every grant of the patient' : 'the patient'}`,
      foreign: (t) => kind.id(t.b),
      own: (t) => kind.id(t.a),
      attempt: (t, value) => ({ as: t.a[who], fn: 'Consent:checkAccess', args: [t.a.patientId, 'view', kind.category, value] }),
      refusal: 'NOT_FOUND',
    })),
  ),
  {
    argument: 'Consent:checkAccess.patientId',
    foreign: (t) => t.b.patientId,
    own: (t) => t.a.patientId,
    attempt: (t, value) => ({ as: t.a.doctor, fn: 'Consent:checkAccess', args: [value, 'view', 'lab', ''] }),
    refusal: 'CONSENT_REQUIRED',
  },
  onObject('AccessLog:listForPatient.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value, '10', ''], { evaluate: true }),
];

const ITEMS = { prescription: { items: [{ medicine: 'Ibuprofen 400 mg', dose: '1 tablet' }] } };
const pharmacySide = (side: Side) => side.pharmacy;
const doctorSide = (side: Side) => side.doctor;
const hospitalSide = (side: Side) => side.hospital;
const insurerSide = (side: Side) => side.insurer;

const care: Case[] = [
  {
    argument: 'Prescription:issue.prescriptionId',
    foreign: (t) => t.b.prescription,
    own: () => 'rx-a-new0001',
    attempt: (t, value) => ({ as: t.a.doctor, fn: 'Prescription:issue', args: [value, t.a.patientId, '10', '0', t.world.at(30 * DAY)], transient: ITEMS }),
    refusal: 'ALREADY_EXISTS',
  },
  {
    argument: 'Prescription:issue.patientId',
    foreign: (t) => t.b.patientId,
    own: (t) => t.a.patientId,
    attempt: (t, value) => ({ as: t.a.doctor, fn: 'Prescription:issue', args: ['rx-a-new0001', value, '10', '0', t.world.at(30 * DAY)], transient: ITEMS }),
    refusal: 'CONSENT_REQUIRED',
  },
  onObject('Prescription:cancel.prescriptionId', (side) => side.prescription, 'NOT_OWNER', doctorSide, (value) => [value]),
  {
    argument: 'Prescription:placeOrder.orderId',
    foreign: (t) => t.b.order,
    own: () => 'ord-a-new0001',
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Prescription:placeOrder', args: [value, t.a.prescription, t.a.pharmacyId, '1', 'online'] }),
    refusal: 'ALREADY_EXISTS',
  },
  {
    argument: 'Prescription:placeOrder.prescriptionId',
    foreign: (t) => t.b.prescription,
    own: (t) => t.a.prescription,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Prescription:placeOrder', args: ['ord-a-new0001', value, t.a.pharmacyId, '1', 'online'] }),
    refusal: 'NOT_OWNER',
  },
  // A's order is placed: dispensing waits for acceptance, confirming receipt for the dispense.
  ...(
    [
      ['acceptOrder', 'ok'],
      ['rejectOrder', 'ok'],
      ['dispense', 'INVALID_STATE'],
      ['readPrescriptionForOrder', 'ok'],
    ] as const
  ).map(([fn, ownOutcome]) => onObject(`Prescription:${fn}.orderId`, (side) => side.order, 'NOT_OWNER', pharmacySide, (value) => [value], { ownOutcome })),
  ...(
    [
      ['cancelOrder', 'ok'],
      ['confirmReceipt', 'INVALID_STATE'],
    ] as const
  ).map(([fn, ownOutcome]) => onObject(`Prescription:${fn}.orderId`, (side) => side.order, 'NOT_OWNER', patientSide, (value) => [value], { ownOutcome })),
  onObject('Prescription:readPrescription.prescriptionId', (side) => side.prescription, 'CONSENT_REQUIRED', patientSide, (value) => [value]),
  onObject('Prescription:getPrescription.prescriptionId', (side) => side.prescription, 'CONSENT_REQUIRED', patientSide, (value) => [value], { evaluate: true }),
  onObject('Prescription:getOrder.orderId', (side) => side.order, 'CONSENT_REQUIRED', patientSide, (value) => [value], { evaluate: true }),
  ...['listPrescriptionsByPatient', 'listOrdersByPatient'].map((fn) =>
    onObject(`Prescription:${fn}.patientId`, (side) => side.patientId, 'CONSENT_REQUIRED', patientSide, (value) => [value, '', '10', ''], { evaluate: true }),
  ),
  {
    argument: 'Insurance:apply.applicationId',
    foreign: (t) => t.b.application,
    own: () => 'app-a-new0001',
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Insurance:apply', args: [value, t.a.packageId, '1', t.a.termsSha256, t.world.at(7 * DAY)] }),
    refusal: 'ALREADY_EXISTS',
  },
  {
    argument: 'Insurance:respond.applicationId',
    foreign: (t) => t.b.pendingApplication,
    own: (t) => t.a.pendingApplication,
    attempt: (t, value) => ({ as: t.a.insurer, fn: 'Insurance:respond', args: [value, t.a.termsSha256, '12000'] }),
    refusal: 'NOT_OWNER',
  },
  onObject('Insurance:decline.applicationId', (side) => side.pendingApplication, 'NOT_OWNER', insurerSide, (value) => [value, '']),
  onObject('Insurance:withdraw.applicationId', (side) => side.pendingApplication, 'NOT_OWNER', patientSide, (value) => [value], { ownOutcome: 'DEADLINE_NOT_REACHED' }),
  {
    argument: 'Insurance:submitClaim.claimId',
    foreign: (t) => t.b.claim,
    own: () => 'clm-a-new0001',
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Insurance:submitClaim', args: [value, t.a.policy, sha('d'), '500'], transient: { claim: { details: 'x-ray' } } }),
    refusal: 'ALREADY_EXISTS',
  },
  {
    argument: 'Insurance:submitClaim.policyId',
    foreign: (t) => t.b.policy,
    own: (t) => t.a.policy,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Insurance:submitClaim', args: ['clm-a-new0001', value, sha('d'), '500'], transient: { claim: { details: 'x-ray' } } }),
    refusal: 'NOT_OWNER',
  },
  onObject('Insurance:decideClaim.claimId', (side) => side.claim, 'NOT_OWNER', insurerSide, (value) => [value, 'denied', '0']),
  onObject('Insurance:markPaid.claimId', (side) => side.claim, 'NOT_OWNER', insurerSide, (value) => [value, 'pay-00000001'], { ownOutcome: 'INVALID_STATE' }),
  onObject('Insurance:getApplication.applicationId', (side) => side.application, 'CONSENT_REQUIRED', patientSide, (value) => [value], { evaluate: true }),
  onObject('Insurance:getPolicy.policyId', (side) => side.policy, 'CONSENT_REQUIRED', patientSide, (value) => [value], { evaluate: true }),
  onObject('Insurance:getClaim.claimId', (side) => side.claim, 'CONSENT_REQUIRED', patientSide, (value) => [value], { evaluate: true }),
  onObject('Insurance:readClaim.claimId', (side) => side.claim, 'CONSENT_REQUIRED', patientSide, (value) => [value]),
  onObject('Insurance:listApplicationsByPatient.patientId', (side) => side.patientId, 'CONSENT_REQUIRED', patientSide, (value) => [value, '', '10', ''], { evaluate: true }),
  onObject('Insurance:listPoliciesByPatient.patientId', (side) => side.patientId, 'CONSENT_REQUIRED', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  onObject('Insurance:listClaimsByPolicy.policyId', (side) => side.policy, 'CONSENT_REQUIRED', patientSide, (value) => [value, '', '10', ''], { evaluate: true }),
];

const visits: Case[] = [
  {
    argument: 'Appointment:book.appointmentId',
    foreign: (t) => t.b.appointment,
    own: () => 'apt-a-new0001',
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Appointment:book', args: [value, t.a.doctorId, t.world.at(2 * DAY), t.world.at(2 * DAY + 1800_000)], transient: { appointment: { reason: 'x' } } }),
    refusal: 'ALREADY_EXISTS',
  },
  // A's appointment is requested and starts tomorrow: it cannot be completed yet, and has no proposal to answer.
  ...(
    [
      ['confirm', 'ok'],
      ['decline', 'ok'],
      ['complete', 'INVALID_STATE'],
    ] as const
  ).map(([fn, ownOutcome]) => onObject(`Appointment:${fn}.appointmentId`, (side) => side.appointment, 'NOT_OWNER', doctorSide, (value) => [value], { ownOutcome })),
  {
    argument: 'Appointment:proposeTime.appointmentId',
    foreign: (t) => t.b.appointment,
    own: (t) => t.a.appointment,
    attempt: (t, value) => ({ as: t.a.doctor, fn: 'Appointment:proposeTime', args: [value, t.world.at(3 * DAY), t.world.at(3 * DAY + 1800_000)] }),
    refusal: 'NOT_OWNER',
  },
  ...(
    [
      ['acceptProposal', 'INVALID_STATE'],
      ['rejectProposal', 'INVALID_STATE'],
      ['cancel', 'ok'],
    ] as const
  ).map(([fn, ownOutcome]) => onObject(`Appointment:${fn}.appointmentId`, (side) => side.appointment, 'NOT_OWNER', patientSide, (value) => [value], { ownOutcome })),
  onObject('Appointment:get.appointmentId', (side) => side.appointment, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true }),
  onObject('Appointment:accessDetails.appointmentId', (side) => side.appointment, 'CONSENT_REQUIRED', patientSide, (value) => [value]),
  onObject('Appointment:listByPatient.patientId', (side) => side.patientId, 'CONSENT_REQUIRED', patientSide, (value) => [value, '', '10', ''], { evaluate: true }),
  {
    argument: 'HospitalService:quote.requestId',
    foreign: (t) => t.b.service,
    own: (t) => t.a.service,
    attempt: (t, value) => ({ as: t.a.hospital, fn: 'HospitalService:quote', args: [value, '1000', 'EUR', t.world.at(2 * DAY)] }),
    refusal: 'NOT_OWNER',
    // A's request is confirmed: the steps before it are done, and the hospital owes the report.
    ownOutcome: 'INVALID_STATE',
  },
  onObject('HospitalService:accept.requestId', (side) => side.service, 'NOT_OWNER', patientSide, (value) => [value], { ownOutcome: 'INVALID_STATE' }),
  onObject('HospitalService:cancel.requestId', (side) => side.service, 'NOT_OWNER', patientSide, (value) => [value], { ownOutcome: 'DEADLINE_NOT_REACHED' }),
  onObject('HospitalService:recordPayment.requestId', (side) => side.service, 'NOT_OWNER', patientSide, (value) => [value, 'online', 'pay-00000002'], { ownOutcome: 'INVALID_STATE' }),
  onObject('HospitalService:confirmPayment.requestId', (side) => side.service, 'NOT_OWNER', hospitalSide, (value) => [value], { ownOutcome: 'INVALID_STATE' }),
  {
    argument: 'HospitalService:attachReport.requestId',
    foreign: (t) => t.b.service,
    own: (t) => t.a.service,
    attempt: (t, value) => ({ as: t.a.hospital, fn: 'HospitalService:attachReport', args: [value, value === t.b.service ? t.b.ownFile : t.a.ownFile] }),
    refusal: 'NOT_OWNER',
  },
  {
    argument: 'HospitalService:attachReport.fileId',
    foreign: (t) => t.b.ownFile,
    own: (t) => t.a.ownFile,
    attempt: (t, value) => ({ as: t.a.hospital, fn: 'HospitalService:attachReport', args: [t.a.service, value] }),
    refusal: 'NOT_OWNER',
  },
  onObject('HospitalService:get.requestId', (side) => side.service, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true }),
  onObject('HospitalService:accessDetails.requestId', (side) => side.service, 'CONSENT_REQUIRED', patientSide, (value) => [value]),
  onObject('HospitalService:listByPatient.patientId', (side) => side.patientId, 'CONSENT_REQUIRED', patientSide, (value) => [value, '', '10', ''], { evaluate: true }),
];

const CASES: Case[] = [...records, ...consent, ...care, ...visits];

async function run(t: TwoPatients, call: Invocation): Promise<unknown> {
  if (call.evaluate === true) {
    return t.world.ledger.evaluate(call.as, call.fn, call.args);
  }
  const transient = Object.fromEntries(Object.entries(call.transient ?? {}).map(([field, value]) => [field, JSON.stringify(value)]));
  return t.world.ledger.submit(call.as, call.fn, call.args, { transient });
}

/** 'ok', or the code the transaction was refused with. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as Error).message.split(':')[0] ?? '';
  }
}

/** Every (transaction, parameter) of the contracts whose name says it names a record, file, blob or hash. */
function argumentsOfTheClass(): string[] {
  const found: string[] = [];
  for (const ContractClass of contracts) {
    const contractName = new ContractClass().getName();
    const transactions = Reflect.getMetadata('fabric:transactions', ContractClass.prototype) as { name: string; parameters: { name: string }[] }[];
    for (const transaction of transactions) {
      for (const parameter of transaction.parameters) {
        if (/(Id|Sha256|Hash|Ref|ScopeJson|scopeJson)$/.test(parameter.name)) {
          found.push(`${contractName}:${transaction.name}.${parameter.name}`);
        }
      }
    }
  }
  return found;
}

describe('a value of another patient, in any argument that names a record, file, blob or hash', () => {
  let t: TwoPatients;

  beforeEach(async () => {
    t = await createTwoPatients();
  });

  it.each(CASES.map((testCase) => [testCase.argument + (testCase.label === undefined ? '' : ` (${testCase.label})`), testCase.refusal, testCase] as const))(
    'when A’s side passes B’s value as %s, then it is refused with %s and nothing is written, and A’s own value is not',
    async (_name, refusal, testCase) => {
      const foreign = testCase.foreign(t);
      const own = testCase.own(t);
      const preparedForeign = (await testCase.prepare?.(t, foreign)) ?? '';

      expect(await refusedWithoutWrite(t.world, () => run(t, testCase.attempt(t, foreign, preparedForeign)))).toBe(refusal);

      const preparedOwn = (await testCase.prepare?.(t, own)) ?? '';
      expect(await outcome(run(t, testCase.attempt(t, own, preparedOwn)))).toBe(testCase.ownOutcome ?? 'ok');
    },
  );

  it('when the contracts’ transactions are read, then every argument of the class has a case above or a stated exemption', () => {
    const covered = new Set(CASES.map((testCase) => testCase.argument));
    const exempt = (argument: string) => argument in EXEMPT_ARGUMENTS || (argument.split('.')[1] ?? '') in EXEMPT_NAMES;
    const all = argumentsOfTheClass();

    expect(all.filter((argument) => !covered.has(argument) && !exempt(argument))).toEqual([]);
    // A case whose own value met the same refusal would not show that the foreign value was what counted.
    expect(CASES.filter((testCase) => testCase.ownOutcome === testCase.refusal)).toEqual([]);
    expect([...covered, ...Object.keys(EXEMPT_ARGUMENTS)].filter((argument) => !all.includes(argument))).toEqual([]);
    expect(all.length).toBeGreaterThan(90);
  });

  it('when two patients upload byte-identical content, then both are accepted: a plaintext hash is never claimed', async () => {
    await createFile(t.world, t.a.patient, 'fil-a-same01', t.a.patientId, 'lab', { content: sha('9') });
    await createFile(t.world, t.b.patient, 'fil-b-same01', t.b.patientId, 'lab', { content: sha('9') });
    const both = await Promise.all(['fil-a-same01', 'fil-b-same01'].map((fileId) => t.world.ledger.evaluate(fileId.startsWith('fil-a') ? t.a.patient : t.b.patient, 'Records:getFileMetadata', [fileId])));
    expect(both.map((json) => (JSON.parse(json) as { latest: { contentSha256: string } }).latest.contentSha256)).toEqual([sha('9'), sha('9')]);
  });
});
