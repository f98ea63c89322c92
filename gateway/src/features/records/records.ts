import { CONFIDENTIALITIES, CONFIDENTIALITY, fileId } from '@medledger/chaincode/client';
import { z } from 'zod';
import { ledgerOperations } from '../../api/ledger-operations';
import type { Operation } from '../../api/operation';
import { objectId, patientIdParams, sha256 } from '../../api/schemas';
import { amendmentApprovalModel, amendmentModel, fileViewModel } from '../care/visit-models';

const operations = ledgerOperations({ tag: 'Medical records' });
const fileIdParams = z.object({ fileId });
const amendmentIdParams = z.object({ amendmentId: objectId });

/**
 * Medical-file records beside /files (upload, versions, download): a patient's file list and the
 * amendment flow, in which the patient proposes a corrected version (uploaded as content through
 * POST /files/{fileId}/amendments, features/records/file-operations.ts) and a doctor with edit consent
 * approves or rejects it.
 */
export const recordOperations: Operation[] = [
  operations.list({
    path: '/patients/{patientId}/files',
    patientData: true,
    operationId: 'listPatientFiles',
    summary: 'A patient’s medical files (metadata only), in upload order',
    description:
      'The patient and a delegate see every file; a grantee sees only the files its grants cover, so a page may hold fewer items than the limit while nextCursor still leads on.',
    callers: 'the patient, a delegate, a grantee with view on some category',
    transaction: 'Records:listFiles',
    params: patientIdParams,
    response: { description: 'A page of files, each with its latest version', item: fileViewModel },
  }),
  operations.step({
    path: '/files/{fileId}/confidentiality',
    operationId: 'setFileConfidentiality',
    summary: 'Relabel a file N, R or V (HL7 confidentiality)',
    description: `Only the patient themself (403 otherwise). A category grant reaches N files only; an R or V file needs a grant naming it, and break-glass reaches a V file only with a second reason. Labels: ${CONFIDENTIALITIES.map((code) => `${code}, ${CONFIDENTIALITY[code]}`).join(' ')} Logged in the access log as the patient's edit.`,
    callers: 'the patient themself',
    transaction: 'Records:setConfidentiality',
    params: fileIdParams,
    body: z.object({ confidentiality: z.enum(CONFIDENTIALITIES, { error: `confidentiality must be one of ${CONFIDENTIALITIES.join(', ')}` }) }).strict(),
    args: ({ params, body }) => [params.fileId, body.confidentiality],
    response: { description: 'The file with its new label', schema: fileViewModel },
  }),
  operations.list({
    path: '/files/{fileId}/amendments',
    patientData: true,
    operationId: 'listFileAmendments',
    summary: 'A file’s amendments (public part), in proposal order',
    callers: 'the patient, a delegate, a doctor with edit consent',
    transaction: 'Records:listAmendments',
    params: fileIdParams,
    response: { description: 'A page of amendments', item: amendmentModel },
  }),
  operations.create({
    path: '/amendments/{amendmentId}/approval',
    operationId: 'approveFileAmendment',
    summary: 'Approve a pending amendment; it becomes the file’s next version',
    description: 'The doctor confirms the content they reviewed by its SHA-256 (HASH_MISMATCH otherwise). Refused when the file has moved on since the proposal.',
    callers: 'a doctor with an edit grant on the file',
    transaction: 'Records:approveAmendment',
    params: amendmentIdParams,
    body: z.object({ contentSha256: sha256.describe('SHA-256 of the reviewed content') }).strict(),
    args: ({ params, body }) => [params.amendmentId, body.contentSha256],
    response: { description: 'The approved amendment and the version it created', schema: amendmentApprovalModel },
    creates: { readBack: (approval) => ({ transaction: 'Records:listAmendments', args: [approval.amendment.fileId, '1', ''] }) },
  }),
  operations.step({
    path: '/amendments/{amendmentId}/rejection',
    operationId: 'rejectFileAmendment',
    summary: 'Close a pending amendment without a new version',
    description: 'A doctor with an edit grant rejects it (status rejected); the patient or a delegate withdraws it (status withdrawn).',
    callers: 'a doctor with an edit grant, the patient, a delegate',
    transaction: 'Records:rejectAmendment',
    params: amendmentIdParams,
    response: { description: 'The closed amendment', schema: amendmentModel },
  }),
];
