import { z } from 'zod';
import { defineOperation, type Operation } from '../operation';
import { pageArgs, pageFromLedger, pageOf, pageQuery } from '../pagination';
import { emptyBody, objectId, patientIdParams, sha256 } from '../schemas';
import { amendmentApprovalModel, amendmentModel, fileViewModel } from '../visit-models';

const tag = 'Medical records';
const fileIdParams = z.object({ fileId: objectId });
const amendmentIdParams = z.object({ amendmentId: objectId });
/** Same patterns as chaincode/src/contracts/records-contract.ts. */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;
const STORAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._:/-]{2,255}$/;
const MAX_FILE_BYTES = 10 * 1024 * 1024 * 1024;

/**
 * Medical-file records beside /files (upload, versions, download): a patient's file list and the
 * amendment flow, in which the patient proposes a corrected version and a doctor with edit
 * consent approves or rejects it.
 */
export const recordOperations: Operation[] = [
  defineOperation({
    method: 'get',
    path: '/patients/{patientId}/files',
    operationId: 'listPatientFiles',
    summary: 'A patient’s medical files (metadata only), in upload order',
    description:
      'The patient and a delegate see every file; a grantee sees only the files its grants cover, so a page may hold fewer items than the limit while nextCursor still leads on.',
    tag,
    access: { scope: 'read' },
    callers: 'the patient, a delegate, a grantee with view on some category',
    transaction: 'Records:listFiles',
    params: patientIdParams,
    query: pageQuery,
    response: { status: 200, description: 'A page of files, each with its latest version', schema: pageOf(fileViewModel) },
    async handle({ principal, params, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Records:listFiles', [params.patientId, ...pageArgs(query)]));
    },
  }),
  defineOperation({
    method: 'post',
    path: '/files/{fileId}/amendments',
    operationId: 'proposeFileAmendment',
    summary: 'Propose a corrected version of a file',
    description:
      'For files the patient did not author (or clinical notes). The corrected content is described by its hashes, size, media type and storage reference as the chaincode records them; the reason (and an optional new file name and description) travel in the transient map only and are never logged. Nothing changes in the file until a doctor approves.',
    tag,
    access: { scope: 'write' },
    callers: 'the patient, a delegate',
    transaction: 'Records:proposeAmendment',
    params: fileIdParams,
    body: z
      .object({
        contentSha256: sha256.describe('SHA-256 of the corrected plaintext'),
        ciphertextSha256: sha256.describe('SHA-256 of the stored ciphertext'),
        sizeBytes: z.int().min(0).max(MAX_FILE_BYTES),
        mediaType: z.string().regex(MEDIA_TYPE, 'must be a lowercase media type such as application/pdf'),
        storageRef: z.string().regex(STORAGE_REF, "must be 3-256 letters, digits, '.', '_', ':', '/' or '-'"),
        reason: z.string().trim().min(1).max(2000).describe('Why the record is wrong; private, never logged'),
        fileName: z.string().trim().min(1).max(255).optional().describe('A new file name; private'),
        description: z.string().trim().min(1).max(2000).optional().describe('A new description; private'),
      })
      .strict(),
    response: { status: 201, description: 'The pending amendment', schema: amendmentModel },
    // No transaction reads one amendment; listing the file's amendments decides the same way (patient side, or edit consent).
    creates: { readBack: (amendment) => ({ transaction: 'Records:listAmendments', args: [amendment.fileId, '1', ''] }) },
    async handle({ principal, params, body, deps }) {
      const { reason, fileName, description } = body;
      return deps.ledger.submitJson(
        principal,
        'Records:proposeAmendment',
        [params.fileId, body.contentSha256, body.ciphertextSha256, String(body.sizeBytes), body.mediaType, body.storageRef],
        { amendment: JSON.stringify({ reason, fileName, description }) },
      );
    },
  }),
  defineOperation({
    method: 'get',
    path: '/files/{fileId}/amendments',
    operationId: 'listFileAmendments',
    summary: 'A file’s amendments (public part), in proposal order',
    tag,
    access: { scope: 'read' },
    callers: 'the patient, a delegate, a doctor with edit consent',
    transaction: 'Records:listAmendments',
    params: fileIdParams,
    query: pageQuery,
    response: { status: 200, description: 'A page of amendments', schema: pageOf(amendmentModel) },
    async handle({ principal, params, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Records:listAmendments', [params.fileId, ...pageArgs(query)]));
    },
  }),
  defineOperation({
    method: 'post',
    path: '/amendments/{amendmentId}/approval',
    operationId: 'approveFileAmendment',
    summary: 'Approve a pending amendment; it becomes the file’s next version',
    description: 'The doctor confirms the content they reviewed by its SHA-256 (HASH_MISMATCH otherwise). Refused when the file has moved on since the proposal.',
    tag,
    access: { scope: 'write' },
    callers: 'a doctor with an edit grant on the file',
    transaction: 'Records:approveAmendment',
    params: amendmentIdParams,
    body: z.object({ contentSha256: sha256.describe('SHA-256 of the reviewed content') }).strict(),
    response: { status: 201, description: 'The approved amendment and the version it created', schema: amendmentApprovalModel },
    creates: { readBack: (approval) => ({ transaction: 'Records:listAmendments', args: [approval.amendment.fileId, '1', ''] }) },
    async handle({ principal, params, body, deps }) {
      return deps.ledger.submitJson(principal, 'Records:approveAmendment', [params.amendmentId, body.contentSha256]);
    },
  }),
  defineOperation({
    method: 'post',
    path: '/amendments/{amendmentId}/rejection',
    operationId: 'rejectFileAmendment',
    summary: 'Close a pending amendment without a new version',
    description: 'A doctor with an edit grant rejects it (status rejected); the patient or a delegate withdraws it (status withdrawn).',
    tag,
    access: { scope: 'write' },
    callers: 'a doctor with an edit grant, the patient, a delegate',
    transaction: 'Records:rejectAmendment',
    params: amendmentIdParams,
    body: emptyBody,
    response: { status: 200, description: 'The closed amendment', schema: amendmentModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.submitJson(principal, 'Records:rejectAmendment', [params.amendmentId]);
    },
  }),
];
