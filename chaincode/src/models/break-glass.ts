import { sha256HexOfBytes } from '../lib/sha256';

/** Emergency access lasts this long; a doctor who still needs access afterwards opens a new one. */
export const BREAK_GLASS_MINUTES = 60;
export const MAX_REASON_LENGTH = 2000;

/**
 * Public record of an emergency ("break-glass") access: who, for which patient, when, and the
 * salted SHA-256 of the private justification. The reason itself may describe the emergency, so
 * it lives only in the health collection and arrives through the transient map. The hash is
 * SHA-256(salt bytes ‖ UTF-8 reason) with a random salt of at least MIN_SALT_BYTES that only the
 * private half keeps: short reasons ("overdose", "stroke") cannot be confirmed by hashing guesses.
 */
export interface BreakGlass {
  id: string;
  patientId: string;
  doctorId: string;
  reasonHash: string;
  openedAt: string;
  expiresAt: string;
}

/** The private half, in HEALTH_COLLECTION under the same ID. */
export interface BreakGlassReason {
  breakGlassId: string;
  reason: string;
  /** The salt as lowercase hex, whatever encoding the client sent it in. */
  salt: string;
}

/** Least salt length; the gateway sends 32 bytes from a CSPRNG (chaincode itself has no randomness). */
export const MIN_SALT_BYTES = 16;
export const MAX_SALT_BYTES = 64;

/** The public reasonHash: SHA-256(salt ‖ UTF-8 reason), hex. Whoever reads the private half can check it. */
export function breakGlassReasonHash(salt: Uint8Array, reason: string): string {
  return sha256HexOfBytes(salt, reason);
}

export const BREAK_GLASS_TYPE = 'breakGlass';
export const BREAK_GLASS_REASON_TYPE = 'breakGlassReason';
export const BREAK_GLASS_BY_PATIENT_INDEX = 'breakGlass~patient~openedAt~breakGlassId';
/** One pointer per (patient, doctor) to the latest window, so the decision reads a single key. */
export const BREAK_GLASS_CURRENT_TYPE = 'breakGlassCurrent';

export interface BreakGlassPointer {
  breakGlassId: string;
  expiresAt: string;
}

/**
 * Transient field carrying {"reason": "...", "salt": "<hex or base64 of 16-64 random bytes>"};
 * neither ever goes in arguments.
 */
export const BREAK_GLASS_TRANSIENT_FIELD = 'breakGlass';
