import { hkdfSync } from 'node:crypto';

/** What each key derived from the master key is for; a new purpose gives an unrelated key. */
export type KeyPurpose = 'api-key-pepper' | 'api-key-checksum' | 'fabric-private-keys' | 'embedded-ledger-snapshot' | 'idempotency-request-hash' | 'saml-login-binding';

/** HKDF-SHA256 of the master key for one purpose, so no secret is ever used for two jobs. */
export function deriveKey(masterKey: Uint8Array, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.from('medledger-gateway'), Buffer.from(purpose), 32));
}
