import { sha256HexOfBytes } from '../lib/sha256';

export type { BreakGlass } from '../contract';
/** Re-exported from contract/limits.ts for importers that predate contract/. */
export { BREAK_GLASS_MINUTES } from '../contract';

/** The private half, in HEALTH_COLLECTION under the same ID. */
export interface BreakGlassReason {
  breakGlassId: string;
  reason: string;
  /** The salt as lowercase hex, whatever encoding the client sent it in. */
  salt: string;
}

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

/**
 * [breakGlassId, recordId]: the doctor opened this V record within the window, with its own
 * reason (BreakGlassRecord, public; the reason under BREAK_GLASS_RECORD_REASON_TYPE, private).
 */
export const BREAK_GLASS_RECORD_TYPE = 'breakGlassRecord';
export const BREAK_GLASS_RECORD_REASON_TYPE = 'breakGlassRecordReason';
/** Transient field of openBreakGlassRecord: {"reason": "...", "salt": "..."}, like BREAK_GLASS_TRANSIENT_FIELD. */
export const BREAK_GLASS_RECORD_TRANSIENT_FIELD = 'breakGlassRecord';

/** The private half of a record opening, in HEALTH_COLLECTION. */
export interface BreakGlassRecordReason {
  breakGlassId: string;
  recordId: string;
  reason: string;
  salt: string;
}
