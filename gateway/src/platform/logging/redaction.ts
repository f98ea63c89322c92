/**
 * pino redaction paths: credentials, SAML payloads and key material are replaced by "[redacted]"
 * wherever they would appear in a log line. Request and response serializers already keep an
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
 * Fabric transient map (where private data travels), and SAML payloads. Masked at the top level
 * and up to two objects deep (`err.cause.reason`, `consent.scope.purpose`, `req.body.reason`).
 * Log operational codes under other names (`refusal`, `failure`).
 */
const CLINICAL_FIELDS = ['reason', 'items', 'fileName', 'description', 'details', 'purpose', 'transient', 'SAMLResponse', 'SAMLRequest'];


const HEADER_FIELDS = ['.authorization', '.cookie', '["set-cookie"]', '["x-api-key"]', '["x-csrf-token"]', '["proxy-authorization"]'];

export const REDACT_PATHS: readonly string[] = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...CLINICAL_FIELDS.filter((field) => !SECRET_FIELDS.includes(field)),
  ...CLINICAL_FIELDS.filter((field) => !SECRET_FIELDS.includes(field)).map((field) => `*.${field}`),
  ...CLINICAL_FIELDS.map((field) => `*.*.${field}`),
  ...HEADER_FIELDS.flatMap((field) => [`headers${field}`, `req.headers${field}`, `res.headers${field}`, `*.headers${field}`]),
  // Request and response bodies whole, wherever one is attached (an express body-parser error
  // carries the raw body as err.body).
  'body',
  '*.body',
];

export const REDACTED = '[redacted]';
