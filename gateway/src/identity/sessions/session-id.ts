import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../platform/hashing';

const SESSION_ID_BYTES = 32;
const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

/** 256 bits from the CSPRNG, base64url: the only place a session ID exists is the browser's cookie. */
export function newSessionId(): string {
  return randomBytes(SESSION_ID_BYTES).toString('base64url');
}

export function newCsrfToken(): string {
  return randomBytes(SESSION_ID_BYTES).toString('base64url');
}

export function isWellFormedSessionId(value: string): boolean {
  return WELL_FORMED.test(value);
}

/** The database key: a leaked database does not hand out live sessions. */
export function hashSessionId(sessionId: string): string {
  return sha256Hex(sessionId);
}
