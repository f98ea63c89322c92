/** Emergency access lasts this long; a doctor who still needs access afterwards opens a new one. */
export const BREAK_GLASS_MINUTES = 60;
export const MAX_REASON_LENGTH = 2000;

/**
 * Public record of an emergency ("break-glass") access: who, for which patient, when, and the
 * SHA-256 of the private justification. The reason itself may describe the emergency, so it lives
 * only in the health collection and arrives through the transient map.
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

/** Transient field carrying {"reason": "..."}; the reason never goes in arguments. */
export const BREAK_GLASS_TRANSIENT_FIELD = 'breakGlass';
