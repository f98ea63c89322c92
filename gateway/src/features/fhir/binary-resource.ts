import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { Problem } from '../../api/errors/problems';
import { defineStream } from '../../api/operation';
import { purposeQuery } from '../../api/schemas';
import { binaryOf, fileVersionOfBinaryId } from '../../fhir/binary';
import { FHIR_BASE_PATH, FHIR_CONTENT_TYPE } from '../../fhir/fhir-media';
import { downloadContent } from '../records/file-schemas';
import { sendContent } from '../records/file-operations';
import { FHIR_TAG, fhirIdParams, type FhirResourceModule } from './fhir-interactions';

/**
 * Binary: one version of a medical file's content (https://hl7.org/fhir/R4/binary.html#rest),
 * what a DocumentReference's attachment.url names. It is the REST download (GET
 * /files/{fileId}/content?version=N): the same MedicalFiles.download, so Records:accessFile decides
 * consent and commits the access-log entry before a byte is read, the content is decrypted and
 * verified against the chain, and a refusal is the same code. Asked for as FHIR JSON (Accept:
 * application/fhir+json or application/json), it answers a Binary resource with the content in
 * base64; that form is buffered, so it is refused past JSON_LIMIT_BYTES (the raw form streams any
 * size). Any other Accept gets the raw content with its own Content-Type, streamed as REST sends it.
 */

/** The largest content answered as a JSON Binary (base64 in memory); beyond it, only the raw stream. */
export const JSON_LIMIT_BYTES = 8 * 1024 * 1024;

const JSON_TYPES = new Set([FHIR_CONTENT_TYPE, 'application/json', 'application/json+fhir']);

/** Whether the client asked for the resource rather than the content: a FHIR/JSON type named in Accept (a wildcard is not a request for JSON). */
export function wantsBinaryResource(req: Pick<Request, 'get'>): boolean {
  return (req.get('accept') ?? '')
    .split(',')
    .map((range) => range.split(';')[0]?.trim().toLowerCase() ?? '')
    .some((type) => JSON_TYPES.has(type));
}

/** The whole content, refused once it passes the limit (the version's declared size is checked first; this guards the stream itself). */
async function bufferedWithin(content: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of content) {
    const bytes = chunk as Buffer;
    total += bytes.length;
    if (total > limit) {
      content.destroy();
      throw tooLarge();
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

function tooLarge(): Problem {
  return new Problem('BINARY_TOO_LARGE_FOR_JSON', `a Binary resource carries at most ${String(JSON_LIMIT_BYTES)} bytes; ask for the content’s own media type (Accept) to stream it`);
}

const DOCUMENTATION = `The content of one version of a medical file (the id names both; a DocumentReference's attachment.url gives it). Accept: application/fhir+json answers a Binary resource (base64 data), up to ${String(JSON_LIMIT_BYTES)} bytes (413 BINARY_TOO_LARGE_FOR_JSON beyond); any other Accept streams the content with its own Content-Type. Either way it is the consent-checked, access-logged, verified download of GET /files/{fileId}/content.`;

export const binaryResource: FhirResourceModule = {
  type: 'Binary',
  documentation: DOCUMENTATION,
  interactions: [
    {
      type: 'Binary',
      interaction: 'read',
      searchParams: [],
      build: (_naming, services) =>
        defineStream({
          tag: FHIR_TAG,
          operationId: 'fhirReadBinary',
          summary: 'One version of a medical file’s content: a Binary resource (Accept: application/fhir+json) or the content itself (logged)',
          description: DOCUMENTATION,
          callers: 'the patient, a delegate, a grantee with view on the category, a doctor in a break-glass window',
          transaction: 'Records:accessFile',
          patientData: true,
          method: 'get',
          path: `${FHIR_BASE_PATH}/Binary/{id}`,
          access: { scope: 'read' },
          params: fhirIdParams,
          query: purposeQuery,
          errors: [404, 409, 410, 413, 502],
          response: { status: 200, description: 'A FHIR Binary (application/fhir+json), or the content with its own media type', schema: downloadContent, contentType: '*/*' },
          async handle({ principal, params, query, req, res }) {
            const named = fileVersionOfBinaryId(params.id);
            if (named === undefined) {
              throw new Problem('NOT_FOUND', `no Binary with id ${params.id}`);
            }
            const download = await (await services.files.ready()).download(principal, named.fileId, named.version, query.purpose);
            if (!wantsBinaryResource(req)) {
              await sendContent(req, res, download);
              return;
            }
            if (download.version.sizeBytes > JSON_LIMIT_BYTES) {
              download.content.destroy();
              throw tooLarge();
            }
            const bytes = await bufferedWithin(download.content, JSON_LIMIT_BYTES);
            res.status(200).set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }).type(FHIR_CONTENT_TYPE).send(JSON.stringify(binaryOf(params.id, download.version.mediaType, bytes)));
          },
        }),
    },
  ],
};
