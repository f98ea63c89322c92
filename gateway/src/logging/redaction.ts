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

const HEADER_FIELDS = ['.authorization', '.cookie', '["set-cookie"]', '["x-api-key"]', '["x-csrf-token"]', '["proxy-authorization"]'];

export const REDACT_PATHS: readonly string[] = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...HEADER_FIELDS.flatMap((field) => [`headers${field}`, `req.headers${field}`, `res.headers${field}`, `*.headers${field}`]),
  'body',
  'req.body',
  'res.body',
];

export const REDACTED = '[redacted]';
