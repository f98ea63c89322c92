/**
 * What never reaches a log line: credentials, SAML payloads, key material and clinical fields are
 * replaced by "[redacted]" wherever they appear. Request and response serializers already keep an
 * allow-list of fields (see serializers.ts); this is the second line of defence for anything
 * logged by hand.
 */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'password',
  'secret',
  'token',
  'apiKey',
  'api_key',
  'key',
  'privateKey',
  'privateKeyPem',
  'encryptedPrivateKey',
  'csrfToken',
  'sessionId',
  'SAMLResponse',
  'SAMLRequest',
];

/**
 * Health data and other clinical free text the gateway handles: break-glass and visit reasons,
 * order and claim items, file names and descriptions, problem details, consent purposes, the
 * Fabric transient map (where private data travels), and SAML payloads. Log operational codes
 * under other names (`refusal`, `failure`).
 */
const CLINICAL_FIELDS = ['reason', 'items', 'fileName', 'description', 'details', 'purpose', 'transient', 'SAMLResponse', 'SAMLRequest'];

/** Request and response headers that carry credentials. */
const HEADER_FIELDS = ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-csrf-token', 'proxy-authorization'];

/**
 * Every field name whose value is masked, wherever it appears in a log line (up to MAX_DEPTH
 * objects deep): the secrets, the clinical fields, the credential headers, and request and
 * response bodies whole (an express body-parser error carries the raw body as err.body).
 */
export const REDACTED_FIELDS: ReadonlySet<string> = new Set([...SECRET_FIELDS, ...CLINICAL_FIELDS, ...HEADER_FIELDS, 'body']);

export const REDACTED = '[redacted]';

/** Deeper than any log line the gateway writes; what lies below is left as it is. */
const MAX_DEPTH = 6;

const NOTHING: ReadonlySet<string> = new Set();

/**
 * The value as it may be logged: each field named in REDACTED_FIELDS, at any depth, replaced by
 * REDACTED. Nothing is copied when nothing is masked (the usual case), and the caller's objects
 * are never changed: a masked object is a shallow copy. One walk by field name replaced pino's
 * path-based redaction, whose wildcard paths cost the gateway about an eighth of its CPU per
 * request (issue 13).
 */
export function redacted(value: unknown): unknown {
  return masked(value, 0);
}

/** The same, for a log line's fields, except those in `leftAsIs`, whose serializers make them safe. */
export function redactedFields(fields: Record<string, unknown>, leftAsIs: ReadonlySet<string>): Record<string, unknown> {
  return maskedObject(fields, 0, leftAsIs);
}

function masked(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH || value instanceof Date || ArrayBuffer.isView(value)) {
    return value;
  }
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    let copy: unknown[] | undefined;
    items.forEach((item, index) => {
      const result = masked(item, depth + 1);
      if (result !== item) {
        copy ??= [...items];
        copy[index] = result;
      }
    });
    return copy ?? items;
  }
  return maskedObject(value as Record<string, unknown>, depth, NOTHING);
}

/** Own enumerable fields only, as JSON has them (an Error's message and stack are not: the err serializer logs those). */
function maskedObject(object: Record<string, unknown>, depth: number, leftAsIs: ReadonlySet<string>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [field, item] of Object.entries(object)) {
    const result = leftAsIs.has(field) ? item : REDACTED_FIELDS.has(field) ? REDACTED : masked(item, depth + 1);
    if (result !== item) {
      copy ??= { ...object };
      copy[field] = result;
    }
  }
  return copy ?? object;
}
