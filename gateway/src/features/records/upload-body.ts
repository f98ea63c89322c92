import busboy from 'busboy';
import type { Request } from 'express';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { Problem } from '../../api/errors/problems';
import { FILE_PART, decodeHeaderText } from './file-schemas';

/** One upload as it arrives: the fields (from X-* headers) and the content, still streaming. */
export interface UploadBody {
  fields: Record<string, string | undefined>;
  /** Lowercase type/subtype without parameters, from Content-Type (raw) or the file part's header (multipart). */
  mediaType: string | undefined;
  content: Readable;
  /** After a failure: stop feeding the content and let the rest of the request drain, so the error response goes out. */
  discard(): void;
}

const MULTIPART = 'multipart/form-data';

/**
 * Reads an upload without buffering it: a raw body whose Content-Type is the file's media type,
 * or multipart/form-data with exactly one part, "file", the content. The fields are X-* headers in
 * both forms, so what an upload needs does not depend on its body (and the OpenAPI document, whose
 * header parameters belong to the operation, can say exactly that). The content stream errors
 * with PAYLOAD_TOO_LARGE (413) as soon as it passes maxBytes.
 */
export async function readUploadBody(req: Request, maxBytes: number): Promise<UploadBody> {
  refuseContentCoding(req);
  const contentType = req.headers['content-type'];
  if (contentType?.toLowerCase().startsWith(MULTIPART) === true) {
    return readMultipart(req, maxBytes);
  }
  return readRaw(req, maxBytes);
}

/**
 * The content is stored and hashed exactly as it arrives, so a body in a content coding (gzip,
 * br, deflate, ...) would be kept still encoded, or fail half-way if it is not what it claims:
 * only identity is accepted, and anything else is 415 with Accept-Encoding: identity (RFC 9110
 * §15.5.16) before a byte is read. Compress inside the file format instead.
 */
function refuseContentCoding(req: Request): void {
  const coding = req.get('content-encoding')?.trim().toLowerCase();
  if (coding === undefined || coding === '' || coding === 'identity') {
    return;
  }
  req.res?.set('Accept-Encoding', 'identity');
  throw new Problem('UNSUPPORTED_CONTENT_ENCODING', 'uploads are read as sent: send the file without a Content-Encoding');
}

function readRaw(req: Request, maxBytes: number): UploadBody {
  if (req.body !== undefined) {
    // express.json() (mounted for the whole app) already consumed an application/json body.
    throw new Problem('VALIDATION_FAILED', 'upload JSON documents as multipart/form-data (a raw application/json body is read as a request, not a file)');
  }
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new Problem('PAYLOAD_TOO_LARGE', `files may be at most ${maxBytes} bytes`, { maxBytes });
  }
  const limiter = new ByteLimit(maxBytes);
  feed(req, limiter);
  return {
    fields: headerFields(req),
    mediaType: mediaTypeOf(req.headers['content-type']),
    content: limiter,
    discard: () => { drain(req); },
  };
}

function readMultipart(req: Request, maxBytes: number): Promise<UploadBody> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 20, fieldSize: 4096, parts: 22 } });
    } catch (error) {
      reject(new Problem('VALIDATION_FAILED', `malformed multipart request: ${(error as Error).message}`));
      return;
    }
    const fields = headerFields(req);
    let content: ByteLimit | undefined;
    // Exactly one part, "file": a field would be silently ignored (they go in X-* headers).
    const refuse = (what: string) => {
      const problem = new Problem('VALIDATION_FAILED', `${what}: a multipart upload has one part, "${FILE_PART}" (its fields go in X-* headers)`);
      if (content === undefined) {
        reject(problem);
        drain(req);
      } else {
        content.destroy(problem);
      }
    };
    parser.on('field', (name) => { refuse(`unexpected part "${name}"`); });
    parser.on('filesLimit', () => { refuse('more than one file part'); });
    parser.on('file', (name, stream, info) => {
      if (name !== FILE_PART) {
        stream.resume();
        refuse(`unexpected part "${name}"`);
        return;
      }
      content = new ByteLimit(maxBytes);
      pipeline(stream, content, () => undefined);
      resolve({
        fields: { ...fields, fileName: fields.fileName ?? (info.filename || undefined) },
        mediaType: mediaTypeOf(info.mimeType),
        content,
        discard: () => {
          stream.resume();
          drain(req);
        },
      });
    });
    parser.on('error', (error: Error) => {
      const problem = new Problem('VALIDATION_FAILED', `malformed multipart request: ${error.message}`);
      content?.destroy(problem);
      reject(problem);
    });
    parser.on('close', () => { reject(new Problem('VALIDATION_FAILED', `the multipart request has no file part named "${FILE_PART}"`)); });
    req.once('error', (error) => content?.destroy(error));
    req.pipe(parser);
  });
}

/**
 * The upload's fields, from its X-* headers. The file name is percent-decoded here; an amendment's
 * reason and description stay as sent, because their limits apply to the header as sent
 * (file-schemas.ts decodes them after checking).
 */
function headerFields(req: Request): UploadBody['fields'] {
  const fileName = req.get('x-file-name');
  return {
    patientId: req.get('x-patient-id'),
    category: req.get('x-category'),
    fileId: req.get('x-file-id'),
    fileName: fileName === undefined ? undefined : decodeHeaderText(fileName),
    clientEncrypted: req.get('x-client-encrypted'),
    confidentiality: req.get('x-confidentiality'),
    reason: req.get('x-amendment-reason'),
    description: req.get('x-description'),
  };
}

/**
 * Request bytes into the content stream. Not stream.pipeline: that would destroy the request (and
 * its socket) when the content fails, and the client would never see the 413 or 422.
 */
function feed(req: Request, content: Transform): void {
  req.once('error', (error) => content.destroy(error));
  req.once('aborted', () => content.destroy(new Error('the client aborted the upload')));
  req.pipe(content);
}

/** Reads and drops what is left of the request (bounded: the response closes the connection). */
function drain(req: Request): void {
  req.unpipe();
  req.resume();
}

/** Passes bytes through and fails the stream the moment more than `maxBytes` have passed. */
class ByteLimit extends Transform {
  #seen = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#seen += chunk.length;
    if (this.#seen > this.maxBytes) {
      callback(new Problem('PAYLOAD_TOO_LARGE', `files may be at most ${this.maxBytes} bytes`, { maxBytes: this.maxBytes }));
      return;
    }
    callback(null, chunk);
  }
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === undefined || type === '' ? undefined : type;
}
