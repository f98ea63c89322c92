import { AMENDMENT_REASON_MAX, CONFIDENTIALITIES, CONFIDENTIALITY, DATA_CATEGORIES, DEFAULT_CONFIDENTIALITY, FILE_DESCRIPTION_MAX, FILE_NAME_MAX, liveAmendment, MAX_PAGE_SIZE, mediaType as contractMediaType, stakeholderId } from '@medledger/chaincode/client';
import { z } from 'zod';
import { NOT_BLANK } from '../../api/text-schemas';
import { fileVersionModel, fileViewModel } from '../care/visit-models';

/**
 * Edge validation of the files API, one schema per request part, from the chaincode's contract
 * surface. The chaincode validates again (it is the authority); these catch mistakes before a byte
 * is encrypted or stored.
 */

/** The file IDs this gateway allocates: 'file-' + 24 hex characters. */
export const fileIdSchema = z.string().regex(/^file-[0-9a-f]{24}$/, 'must be a file ID such as file-0123456789abcdef01234567');

export const patientIdSchema = stakeholderId;

const mediaType = z.string({ error: 'the media type is required (Content-Type of a raw body, or of the multipart file part)' }).pipe(contractMediaType);

/** The one part of a multipart upload: the content. */
export const FILE_PART = 'file';

export { FILE_NAME_MAX };

/**
 * A file name as the client gave it (X-File-Name, percent-decoded, or the multipart file part's own
 * name), made fit to keep: control characters dropped, surrounding whitespace trimmed, at most
 * FILE_NAME_MAX characters (a character is never cut in half). No name is refused: it is only a
 * label in private data, and a file without one (or with nothing left of it) is named by its ID,
 * as a download without private details already is.
 */
export function fileNameOf(given: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is dropped
  let name = (given ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name.length > FILE_NAME_MAX) {
    let cut = '';
    for (const character of name) {
      if (cut.length + character.length > FILE_NAME_MAX) break;
      cut += character;
    }
    name = cut.trim();
  }
  return name === '' ? undefined : name;
}

/**
 * The fields of an upload, one schema each: documented as X-* headers whatever the body's form (so
 * what is required does not depend on it), and checked together with the content's media type
 * once the body is open (createFileSchema, addVersionSchema, proposeAmendmentSchema).
 */
const uploadFields = {
  patientId: stakeholderId.describe('The patient the file belongs to'),
  category: z.enum(DATA_CATEGORIES, { error: `the X-Category header must be one of ${DATA_CATEGORIES.join(', ')}` }).describe('The data category'),
  fileName: z
    .string()
    .optional()
    .describe(
      `The file name, percent-encoded (UTF-8); private data, never on the public ledger. Control characters are dropped, surrounding spaces trimmed and the name cut to ${FILE_NAME_MAX} characters. Default: the multipart file part’s name, else the file ID.`,
    ),
  clientEncrypted: z.enum(['true', 'false'], { error: 'the X-Client-Encrypted header must be true or false' }).optional().describe('true when the client encrypted the content end-to-end'),
  fileId: fileIdSchema
    .optional()
    .describe('The file ID a care workflow planned for this upload (a paid hospital service’s plannedReportFileId, which its workflow grant covers); default: a new ID'),
  confidentiality: z
    .enum(CONFIDENTIALITIES, { error: `the X-Confidentiality header must be one of ${CONFIDENTIALITIES.join(', ')}` })
    .optional()
    .describe(`The file's HL7 confidentiality label (default ${DEFAULT_CONFIDENTIALITY}): ${CONFIDENTIALITIES.map((code) => `${code}, ${CONFIDENTIALITY[code]}`).join(' ')}`),
};

const fileName = uploadFields.fileName.transform(fileNameOf);
const clientEncrypted = uploadFields.clientEncrypted.transform((value) => value === 'true');

/** A new file: whose it is, its category and name (the name goes to private data only). */
export const createFileSchema = z.object({
  patientId: z.string({ error: 'the X-Patient-Id header is required' }).pipe(uploadFields.patientId),
  category: uploadFields.category,
  fileName,
  clientEncrypted,
  confidentiality: uploadFields.confidentiality.transform((value) => value ?? DEFAULT_CONFIDENTIALITY),
  mediaType,
  fileId: uploadFields.fileId,
});

/** A new version of an existing file: patient and category are the file's. */
export const addVersionSchema = z.object({ fileName, clientEncrypted, mediaType });

export const uploadHeaders = z.object({
  'X-Patient-Id': uploadFields.patientId,
  'X-Category': uploadFields.category,
  'X-File-Name': uploadFields.fileName,
  'X-Client-Encrypted': uploadFields.clientEncrypted,
  'X-File-Id': uploadFields.fileId,
  'X-Confidentiality': uploadFields.confidentiality,
});
export const versionHeaders = uploadHeaders.pick({ 'X-File-Name': true, 'X-Client-Encrypted': true });

/**
 * Private texts sent as headers, percent-encoded (UTF-8). The limits apply to the header as sent,
 * so the OpenAPI (which documents these very schemas) says exactly what is accepted; decoding only
 * shortens a text. A reason that decodes to nothing but spaces is the chaincode's to refuse.
 */
export const amendmentReasonHeader = z
  .string()
  .max(AMENDMENT_REASON_MAX, `the X-Amendment-Reason header may be at most ${AMENDMENT_REASON_MAX} characters as sent`)
  .regex(NOT_BLANK, 'the X-Amendment-Reason header must not be blank')
  .trim();
export const amendmentDescriptionHeader = z
  .string()
  .max(FILE_DESCRIPTION_MAX, `the X-Description header may be at most ${FILE_DESCRIPTION_MAX} characters as sent`)
  .optional();

/**
 * A proposed amendment: the corrected content's media type, the patient's reason (required), and
 * optionally a new file name and description. All three texts are private (transient, never logged).
 */
export const proposeAmendmentSchema = z.object({
  reason: z.string({ error: 'the X-Amendment-Reason header is required (why the record is wrong, percent-encoded UTF-8)' }).pipe(amendmentReasonHeader).transform(decodeHeaderText),
  description: amendmentDescriptionHeader.transform((value) => {
    const decoded = value === undefined ? '' : decodeHeaderText(value).trim();
    return decoded === '' ? undefined : decoded;
  }),
  fileName,
  mediaType,
});

export const amendmentHeaders = z.object({
  'X-Amendment-Reason': amendmentReasonHeader.describe(`Why the record is wrong, percent-encoded (UTF-8), at most ${AMENDMENT_REASON_MAX} characters as sent, not blank; private, never logged`),
  'X-File-Name': uploadFields.fileName.describe('A new file name for the version the amendment becomes, percent-encoded (UTF-8); private. Default: the current name'),
  'X-Description': amendmentDescriptionHeader.describe(`A new description, percent-encoded (UTF-8), at most ${FILE_DESCRIPTION_MAX} characters as sent; private`),
});

/** Header values are Latin-1; clients send other texts percent-encoded (UTF-8), as in RFC 8187. */
export function decodeHeaderText(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export const contentQuerySchema = z.object({
  version: z.coerce.number().int().min(1, 'versions start at 1').max(1_000_000).optional().describe('Default: the latest version'),
});

export const pageQuerySchema = z.object({
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  bookmark: z.string().max(1024).default(''),
});

export type CreateFileFields = z.infer<typeof createFileSchema>;
export type AddVersionFields = z.infer<typeof addVersionSchema>;

const binary = (description: string) => z.string().meta({ contentMediaType: 'application/octet-stream', description });

/** An upload's body forms: the raw content, or a multipart form whose one part is the content. */
export const uploadContent = {
  'application/octet-stream': binary('The content; the request’s Content-Type is the file’s media type (anything but application/json)'),
  'multipart/form-data': z.strictObject({ [FILE_PART]: binary('The content, the only part; its Content-Type is the file’s media type') }),
};

export const downloadContent = binary('The file content');

const txId = (what: string) => z.string().describe(`The ledger transaction that recorded the ${what}`);

export const uploadedFileModel = fileViewModel.extend({ txId: txId('version') });

/** A proposed amendment is live (pending) until a doctor decides it. */
export const proposedAmendmentModel = liveAmendment.extend({ txId: txId('amendment') });

export const versionPageModel = z.object({ items: z.array(fileVersionModel), bookmark: z.string().describe('Pass as ?bookmark= for the next page; empty on the last') });
