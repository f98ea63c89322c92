/**
 * The public trace of a patient's erasure (the gateway crypto-shredded the patient's off-chain
 * files and purged their private details). It holds no personal data: the pseudonymous patient ID,
 * when, and how many of the patient's files are erased. Re-running an erasure overwrites it; the
 * ledger history keeps every earlier one.
 */
export interface PatientErasure {
  patientId: string;
  erasedAt: string;
  filesErased: number;
}

export const PATIENT_ERASURE_TYPE = 'patientErasure';
