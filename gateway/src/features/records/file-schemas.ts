import { AMENDMENT_REASON_MAX, DATA_CATEGORIES, FILE_DESCRIPTION_MAX, FILE_NAME_MAX, MAX_PAGE_SIZE, mediaType as contractMediaType, stakeholderId } from '@medledger/chaincode';
import { z } from 'zod';
import { NOT_BLANK } from '../../api/text-schemas';

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

const fileName = z.string().optional().transform(fileNameOf);

const clientEncrypted = z
  .enum(['true', 'false'], { error: 'the X-Client-Encrypted header must be true or false' })
  .optional()
  .transform((value) => value === 'true');

/** A new file: whose it is, its category and name (the name goes to private data only). */
export const createFileSchema = z.object({
  patientId: z.string({ error: 'the X-Patient-Id header is required' }).pipe(stakeholderId),
  category: z.enum(DATA_CATEGORIES, { error: `the X-Category header must be one of ${DATA_CATEGORIES.join(', ')}` }),
  fileName,
  clientEncrypted,
  mediaType,
});

/** A new version of an existing file: patient and category are the file's. */
export const addVersionSchema = z.object({ fileName, clientEncrypted, mediaType });

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

/** Header values are Latin-1; clients send other texts percent-encoded (UTF-8), as in RFC 8187. */
export function decodeHeaderText(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export const contentQuerySchema = z.object({
  version: z.coerce.number().int().min(1, 'versions start at 1').max(1_000_000).optional(),
});

export const pageQuerySchema = z.object({
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  bookmark: z.string().max(1024).default(''),
});

export type CreateFileFields = z.infer<typeof createFileSchema>;
export type AddVersionFields = z.infer<typeof addVersionSchema>;
