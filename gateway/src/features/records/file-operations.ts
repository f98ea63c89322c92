import type { Amendment, LiveAmendment } from '@medledger/chaincode/client';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { FileError } from '../../files/errors';
import { defineOperation, defineStream, type Operation } from '../../api/operation';
import { purposeQuery } from '../../api/schemas';
import { fileViewModel } from '../care/visit-models';
import { attachmentDisposition } from './content-disposition';
import {
  amendmentHeaders,
  contentQuerySchema,
  downloadContent,
  fileIdSchema,
  pageQuerySchema,
  proposedAmendmentModel,
  uploadContent,
  uploadedFileModel,
  uploadHeaders,
  versionHeaders,
  versionPageModel,
} from './file-schemas';
import type { FilesFeature } from './files-feature';
import type { Download, MedicalFiles } from './medical-files';
import { readUploadBody, type UploadBody } from './upload-body';

const tag = 'Medical files';
const fileIdParams = z.object({ fileId: fileIdSchema });
/** 404 unknown file, 413 too large, 422 bad fields or body, 503 the store is not open. */
const uploadErrors = [404, 413, 422, 503];
/** FILE_KEY_UNAVAILABLE: the file was erased (crypto-shredded). */
const erased = 410;
/** An upload to an existing file: a new version or an amendment (409: the chain's state refuses it). */
const toExistingFile = { params: fileIdParams, errors: [...uploadErrors, 409, erased] };

/**
 * /files: upload (raw body or multipart, streamed), new versions, proposed amendments, metadata,
 * version history and the logged, verified download. The chain decides who may do what (a
 * patient's erasure: erasure-operations.ts).
 */
export function fileOperations(feature: FilesFeature): Operation[] {
  /** The file engine once open, and the upload as it starts to stream. */
  const upload = async <T>(req: Request, act: (files: MedicalFiles, body: UploadBody) => Promise<T>): Promise<T> => {
    const files = await feature.ready();
    return act(files, await readUploadBody(req, feature.maxBytes));
  };
  return [
    defineOperation({
      method: 'post',
      path: '/files',
      operationId: 'uploadFile',
      summary: 'Upload a new medical file (version 1), streamed',
      description:
        'The fields are X-* headers; the body is either the raw content (Content-Type = the file’s media type) or multipart/form-data whose one part, file, is the content. The gateway encrypts and stores the content off chain and records its hashes on chain (Records:createFile); the file name goes to private data only. Does not honour Idempotency-Key. 413 past the configured size limit.',
      tag,
      access: { scope: 'write' },
      callers: 'the patient, a delegate, a doctor or hospital with an edit grant on the category',
      transaction: 'Records:createFile',
      upload: { headers: uploadHeaders, content: uploadContent },
      errors: uploadErrors,
      response: { status: 201, description: 'The file and its first version (Location: /files/{fileId})', schema: uploadedFileModel },
      async handle({ principal, req, res }) {
        const created = await upload(req, (files, body) => files.create(principal, body));
        res.location(`/files/${created.view.file.fileId}`);
        return { ...created.view, txId: created.txId };
      },
    }),
    defineOperation({
      method: 'post',
      path: '/files/{fileId}/versions',
      operationId: 'uploadFileVersion',
      summary: 'Upload a new version of a file, streamed',
      description: 'Same headers and body forms as POST /files, without patient and category (they are the file’s). Earlier versions are never overwritten. 410 when the file was erased.',
      tag,
      access: { scope: 'write' },
      callers: 'the patient side for files it authored, a professional with an edit grant',
      transaction: 'Records:addVersion',
      ...toExistingFile,
      upload: { headers: versionHeaders, content: uploadContent },
      response: { status: 201, description: 'The file and its new latest version', schema: uploadedFileModel },
      async handle({ principal, params, req, res }) {
        const added = await upload(req, (files, body) => files.addVersion(principal, params.fileId, body));
        res.location(`/files/${params.fileId}/content?version=${added.view.latest.version}`);
        return { ...added.view, txId: added.txId };
      },
    }),
    // The corrected content of a file is uploaded like a version, bound to this file and its patient,
    // and recorded as a pending amendment (Records:proposeAmendment) that a doctor approves or rejects.
    defineOperation({
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
      ...toExistingFile,
      upload: { headers: amendmentHeaders, content: uploadContent },
      response: { status: 201, description: 'The pending amendment', schema: proposedAmendmentModel },
      async handle({ principal, params, req }) {
        const proposed = await upload(req, (files, body) => files.proposeAmendment(principal, params.fileId, body));
        return { ...liveAmendmentOf(proposed.amendment), txId: proposed.txId };
      },
    }),
    defineOperation({
      method: 'get',
      path: '/files/{fileId}',
      operationId: 'getFile',
      summary: 'A file’s metadata and latest version (no private details)',
      tag,
      access: { scope: 'read' },
      callers: 'whoever may view the file',
      transaction: 'Records:getFileMetadata',
      patientData: true,
      params: fileIdParams,
      query: purposeQuery,
      response: { status: 200, description: 'The file', schema: fileViewModel },
      async handle({ principal, params, query }) {
        return (await feature.ready()).disclosedMetadata(principal, params.fileId, query.purpose);
      },
    }),
    defineOperation({
      method: 'get',
      path: '/files/{fileId}/versions',
      operationId: 'listFileVersions',
      summary: 'A file’s versions, oldest first',
      description: 'Paged with the chaincode’s own ?pageSize= and ?bookmark= (not limit/cursor).',
      tag,
      access: { scope: 'read' },
      callers: 'whoever may view the file',
      transaction: 'Records:getVersionHistory',
      patientData: true,
      params: fileIdParams,
      query: pageQuerySchema.extend(purposeQuery.shape),
      response: { status: 200, description: 'A page of versions', schema: versionPageModel },
      async handle({ principal, params, query }) {
        return (await feature.ready()).versions(principal, params.fileId, query.pageSize, query.bookmark, query.purpose);
      },
    }),
    defineStream({
      method: 'get',
      path: '/files/{fileId}/content',
      operationId: 'downloadFile',
      summary: 'Download a version’s content, decrypted and verified (logged)',
      description:
        'Records:accessFile decides and logs the read first; the content is then streamed with Content-Type = the version’s media type, Content-Disposition: attachment and X-File-Version. 410 FILE_KEY_UNAVAILABLE when the file was erased; 502 FILE_INTEGRITY_FAILED when the stored content does not match the chain. A failure after the first byte aborts the connection instead of ending the body.',
      tag,
      access: { scope: 'read' },
      callers: 'the patient, a delegate, a grantee with view on the category, a doctor in a break-glass window',
      transaction: 'Records:accessFile',
      patientData: true,
      params: fileIdParams,
      query: contentQuerySchema.extend(purposeQuery.shape),
      errors: [409, erased, 502],
      response: { status: 200, description: 'The content (the version’s own media type)', schema: downloadContent, contentType: '*/*' },
      async handle({ principal, params, query, req, res }) {
        await sendContent(req, res, await (await feature.ready()).download(principal, params.fileId, query.version, query.purpose));
      },
    }),
  ];
}

/** A just-proposed amendment is pending: never erased, so never without its content fields. */
function liveAmendmentOf(amendment: Amendment): LiveAmendment {
  if (amendment.status === 'erased') {
    throw new Error(`Records:proposeAmendment answered an erased amendment (${amendment.id})`);
  }
  return amendment;
}

/**
 * Streams verified plaintext (here and for FHIR Binary's raw form). Headers go out with the first verified byte, so a failure before it
 * is still a problem+json answer (the promise rejects, and Express hands the error on); after it
 * the response is aborted (socket destroyed), never ended cleanly, so the client can tell the body
 * is incomplete. Settles when the response closes.
 */
export function sendContent(req: Request, res: Response, { version, fileName, content }: Download): Promise<void> {
  res.status(200);
  res.set({
    'Content-Type': version.mediaType,
    'Content-Length': String(version.sizeBytes),
    'Content-Disposition': attachmentDisposition(fileName),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-File-Version': String(version.version),
  });
  return new Promise((resolve, reject) => {
    content.once('error', (error) => {
      content.unpipe(res);
      const failure = error instanceof FileError ? { code: error.code, failure: (error as { reason?: unknown }).reason } : {};
      req.log.error({ err: error, ...failure, fileId: version.fileId, version: version.version }, 'download aborted: the content failed verification or could not be read');
      if (res.headersSent) {
        res.destroy(error);
        resolve();
      } else {
        res.removeHeader('Content-Disposition');
        res.removeHeader('Content-Length');
        reject(error);
      }
    });
    res.once('close', () => {
      content.destroy();
      resolve();
    });
    content.pipe(res);
  });
}
