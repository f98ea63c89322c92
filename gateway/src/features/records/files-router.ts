import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { callerOfRequest, requireScope } from '../../identity/authenticate';
import { FileError } from '../../files/errors';
import { parseWith } from '../../api/validate';
import { attachmentDisposition } from './content-disposition';
import { contentQuerySchema, fileIdSchema, pageQuerySchema, patientIdSchema } from './file-schemas';
import type { FilesFeature } from './files-feature';
import type { Download } from './medical-files';
import { readUploadBody } from './upload-body';

/**
 * /files: upload (raw body or multipart, streamed), new versions, proposed amendments, metadata,
 * version history and the logged, verified download. Mounted behind authenticate(); the chain
 * decides who may do what.
 */
export function filesRouter(feature: FilesFeature): Router {
  const router = Router();

  router.post('/', requireScope('write'), async (req, res) => {
    const files = await feature.ready();
    const body = await readUploadBody(req, feature.maxBytes);
    const created = await files.create(callerOfRequest(req).principal, body);
    res.status(201).location(`${req.baseUrl}/${created.view.file.fileId}`).json({ ...created.view, txId: created.txId });
  });

  router.post('/:fileId/versions', requireScope('write'), async (req, res) => {
    const fileId = parseWith(fileIdSchema, req.params.fileId);
    const files = await feature.ready();
    const body = await readUploadBody(req, feature.maxBytes);
    const added = await files.addVersion(callerOfRequest(req).principal, fileId, body);
    res.status(201).location(`${req.baseUrl}/${fileId}/content?version=${added.view.latest.version}`).json({ ...added.view, txId: added.txId });
  });

  // The corrected content of a file is uploaded like a version, bound to this file and its patient,
  // and recorded as a pending amendment (Records:proposeAmendment) that a doctor approves or rejects.
  router.post('/:fileId/amendments', requireScope('write'), async (req, res) => {
    const fileId = parseWith(fileIdSchema, req.params.fileId);
    const files = await feature.ready();
    const body = await readUploadBody(req, feature.maxBytes);
    const proposed = await files.proposeAmendment(callerOfRequest(req).principal, fileId, body);
    res.status(201).json({ ...proposed.amendment, txId: proposed.txId });
  });

  router.get('/:fileId', requireScope('read'), async (req, res) => {
    const fileId = parseWith(fileIdSchema, req.params.fileId);
    res.json(await (await feature.ready()).metadata(callerOfRequest(req).principal, fileId));
  });

  router.get('/:fileId/versions', requireScope('read'), async (req, res) => {
    const fileId = parseWith(fileIdSchema, req.params.fileId);
    const { pageSize, bookmark } = parseWith(pageQuerySchema, req.query);
    res.json(await (await feature.ready()).versions(callerOfRequest(req).principal, fileId, pageSize, bookmark));
  });

  router.get('/:fileId/content', requireScope('read'), async (req, res, next) => {
    const fileId = parseWith(fileIdSchema, req.params.fileId);
    const { version } = parseWith(contentQuerySchema, req.query);
    const download = await (await feature.ready()).download(callerOfRequest(req).principal, fileId, version);
    sendContent(req, res, next, download);
  });

  return router;
}

/** /patients/{patientId}/erasure: the patient erases all their files (crypto-shredding) and the chain records it. */
export function patientErasureRouter(feature: FilesFeature, authenticated: RequestHandler): Router {
  const router = Router();
  router.post('/patients/:patientId/erasure', authenticated, requireScope('write'), async (req, res) => {
    const patientId = parseWith(patientIdSchema, req.params.patientId);
    res.json(await (await feature.ready()).erasePatient(callerOfRequest(req).principal, patientId));
  });
  return router;
}

/**
 * Streams verified plaintext. Headers go out with the first verified byte, so a failure before it
 * is still a problem+json answer; after it the response is aborted (socket destroyed), never ended
 * cleanly, so the client can tell the body is incomplete.
 */
function sendContent(req: Request, res: Response, next: NextFunction, { version, fileName, content }: Download): void {
  res.status(200);
  res.set({
    'Content-Type': version.mediaType,
    'Content-Length': String(version.sizeBytes),
    'Content-Disposition': attachmentDisposition(fileName),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-File-Version': String(version.version),
  });
  content.once('error', (error) => {
    content.unpipe(res);
    const failure = error instanceof FileError ? { code: error.code, failure: (error as { reason?: unknown }).reason } : {};
    req.log.error({ err: error, ...failure, fileId: version.fileId, version: version.version }, 'download aborted: the content failed verification or could not be read');
    if (res.headersSent) {
      res.destroy(error);
    } else {
      res.removeHeader('Content-Disposition');
      res.removeHeader('Content-Length');
      next(error);
    }
  });
  res.once('close', () => content.destroy());
  content.pipe(res);
}
