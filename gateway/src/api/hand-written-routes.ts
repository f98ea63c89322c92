import { DATA_CATEGORIES, liveAmendment } from '@medledger/chaincode';
import { z } from 'zod';
import { amendmentDescriptionHeader, amendmentReasonHeader, contentQuerySchema, FILE_NAME_MAX, FILE_PART, fileIdSchema, pageQuerySchema, patientIdSchema } from '../features/records/file-schemas';
import { documentRoute, type RouteDocumentation } from './operation';
import { fileVersionModel, fileViewModel } from '../features/care/visit-models';

/**
 * The routes written by hand as plain Express, described for /openapi.json only (documentRoute:
 * mountOperations never sees these; their routers stay as they are). They stream request and
 * response bodies (/files), manage sessions and credentials (/auth, /me, /me/tokens,
 * /admin/api-keys) or answer probes (/livez, /readyz, /version). The whole-app route audit
 * (app-route-audit.test.ts) fails when one of them is mounted without an entry here.
 */
const at = z.string().describe('ISO-8601 UTC instant');
const binary = (description: string) => z.string().meta({ contentMediaType: 'application/octet-stream', description });
const fileIdParams = z.object({ fileId: fileIdSchema });

// The fields of an upload are headers whatever its body, so what is required does not depend on the body's form.
const uploadHeaders = z.object({
  'X-Patient-Id': patientIdSchema.describe('The patient the file belongs to'),
  'X-Category': z.enum(DATA_CATEGORIES).describe('The data category'),
  'X-File-Name': z
    .string()
    .optional()
    .describe(
      `The file name, percent-encoded (UTF-8); private data, never on the public ledger. Control characters are dropped, surrounding spaces trimmed and the name cut to ${FILE_NAME_MAX} characters. Default: the multipart file part’s name, else the file ID.`,
    ),
  'X-Client-Encrypted': z.enum(['true', 'false']).optional().describe('true when the client encrypted the content end-to-end'),
});
const multipartBody = z.strictObject({ [FILE_PART]: binary('The content, the only part; its Content-Type is the file’s media type') });
const rawBody = binary('The content; the request’s Content-Type is the file’s media type (anything but application/json)');
const uploaded = fileViewModel.extend({ txId: z.string().describe('The ledger transaction that recorded the version') });
const uploadErrors = [404, 413, 422, 503];
/** FILE_KEY_UNAVAILABLE: the file was erased (crypto-shredded). */
const erased = 410;

const fileRoutes: RouteDocumentation[] = [
  documentRoute({
    method: 'post',
    path: '/files',
    operationId: 'uploadFile',
    summary: 'Upload a new medical file (version 1), streamed',
    description:
      'The fields are X-* headers; the body is either the raw content (Content-Type = the file’s media type) or multipart/form-data whose one part, file, is the content. The gateway encrypts and stores the content off chain and records its hashes on chain (Records:createFile); the file name goes to private data only. Does not honour Idempotency-Key. 413 past the configured size limit.',
    tag: 'Medical files',
    access: { scope: 'write' },
    callers: 'the patient, a delegate, a doctor or hospital with an edit grant on the category',
    transaction: 'Records:createFile',
    upload: { headers: uploadHeaders, content: { 'application/octet-stream': rawBody, 'multipart/form-data': multipartBody } },
    errors: uploadErrors,
    response: { status: 201, description: 'The file and its first version (Location: /files/{fileId})', schema: uploaded },
  }),
  documentRoute({
    method: 'post',
    path: '/files/{fileId}/versions',
    operationId: 'uploadFileVersion',
    summary: 'Upload a new version of a file, streamed',
    description: 'Same headers and body forms as POST /files, without patient and category (they are the file’s). Earlier versions are never overwritten. 410 when the file was erased.',
    tag: 'Medical files',
    access: { scope: 'write' },
    callers: 'the patient side for files it authored, a professional with an edit grant',
    transaction: 'Records:addVersion',
    params: fileIdParams,
    upload: { headers: uploadHeaders.pick({ 'X-File-Name': true, 'X-Client-Encrypted': true }), content: { 'application/octet-stream': rawBody, 'multipart/form-data': multipartBody } },
    errors: [...uploadErrors, 409, erased],
    response: { status: 201, description: 'The file and its new latest version', schema: uploaded },
  }),
  documentRoute({
    method: 'post',
    path: '/files/{fileId}/amendments',
    operationId: 'proposeFileAmendment',
    summary: 'Propose a corrected version of a file: upload the content, streamed',
    description:
      'For files the patient did not author (or clinical notes). Same body forms as POST /files/{fileId}/versions: the gateway encrypts the content under a key bound to this file and its patient, stores it, and records its hashes and storage reference (its own, never the client’s) as a pending amendment. The reason, and an optional new file name and description, travel in the transient map only and are never logged. Nothing changes in the file until a doctor with an edit grant approves; the approved version then downloads like any other. 410 when the file was erased.',
    tag: 'Medical records',
    access: { scope: 'write' },
    callers: 'the patient, a delegate',
    transaction: 'Records:proposeAmendment',
    params: fileIdParams,
    upload: {
      headers: z.object({
      'X-Amendment-Reason': amendmentReasonHeader.describe('Why the record is wrong, percent-encoded (UTF-8), at most 2000 characters as sent, not blank; private, never logged'),
      'X-File-Name': uploadHeaders.shape['X-File-Name'].describe('A new file name for the version the amendment becomes, percent-encoded (UTF-8); private. Default: the current name'),
      'X-Description': amendmentDescriptionHeader.describe('A new description, percent-encoded (UTF-8), at most 2000 characters as sent; private'),
      }),
      content: { 'application/octet-stream': rawBody, 'multipart/form-data': multipartBody },
    },
    errors: [...uploadErrors, 409, erased],
    response: { status: 201, description: 'The pending amendment', schema: liveAmendment.extend({ txId: z.string().describe('The ledger transaction that recorded the amendment') }) },
  }),
  documentRoute({
    method: 'get',
    path: '/files/{fileId}',
    operationId: 'getFile',
    summary: 'A file’s metadata and latest version (no private details)',
    tag: 'Medical files',
    access: { scope: 'read' },
    callers: 'whoever may view the file',
    transaction: 'Records:getFileMetadata',
    params: fileIdParams,
    response: { status: 200, description: 'The file', schema: fileViewModel },
  }),
  documentRoute({
    method: 'get',
    path: '/files/{fileId}/versions',
    operationId: 'listFileVersions',
    summary: 'A file’s versions, oldest first',
    description: 'Paged with the chaincode’s own ?pageSize= and ?bookmark= (not limit/cursor).',
    tag: 'Medical files',
    access: { scope: 'read' },
    callers: 'whoever may view the file',
    transaction: 'Records:getVersionHistory',
    params: fileIdParams,
    query: pageQuerySchema,
    response: {
      status: 200,
      description: 'A page of versions',
      schema: z.object({ items: z.array(fileVersionModel), bookmark: z.string().describe('Pass as ?bookmark= for the next page; empty on the last') }),
    },
  }),
  documentRoute({
    method: 'get',
    path: '/files/{fileId}/content',
    operationId: 'downloadFile',
    summary: 'Download a version’s content, decrypted and verified (logged)',
    description:
      'Records:accessFile decides and logs the read first; the content is then streamed with Content-Type = the version’s media type, Content-Disposition: attachment and X-File-Version. 410 FILE_KEY_UNAVAILABLE when the file was erased; 502 FILE_INTEGRITY_FAILED when the stored content does not match the chain. A failure after the first byte aborts the connection instead of ending the body.',
    tag: 'Medical files',
    access: { scope: 'read' },
    callers: 'the patient, a delegate, a grantee with view on the category, a doctor in a break-glass window',
    transaction: 'Records:accessFile',
    params: fileIdParams,
    query: contentQuerySchema.extend({ version: contentQuerySchema.shape.version.describe('Default: the latest version') }),
    errors: [409, erased, 502],
    response: { status: 200, description: 'The content (the version’s own media type)', schema: binary('The file content'), contentType: '*/*' },
  }),
  documentRoute({
    method: 'post',
    path: '/patients/{patientId}/erasure',
    operationId: 'erasePatientFiles',
    summary: 'Erase all of the patient’s files (crypto-shredding) and record the erasure on chain',
    description: 'Destroys the patient’s key, deletes their blobs, purges each file’s private details and records {patientId, erasedAt, filesErased}. Safe to repeat.',
    tag: 'Medical files',
    access: { scope: 'write' },
    callers: 'the patient themself',
    transaction: 'Records:erasePrivateData / Records:recordErasure',
    params: z.object({ patientId: patientIdSchema }),
    response: {
      status: 200,
      description: 'What was erased',
      schema: z.object({
        patientId: z.string(),
        filesErased: z.int(),
        kekDestroyed: z.boolean(),
        dataKeysDestroyed: z.int(),
        blobsDeleted: z.int(),
        blobDeleteFailures: z.int(),
        erasure: z.object({ patientId: z.string(), erasedAt: at, filesErased: z.int() }),
        txId: z.string(),
      }),
    },
  }),
];

export const HAND_WRITTEN_ROUTES: readonly RouteDocumentation[] = [...fileRoutes];
