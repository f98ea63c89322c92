export type { PatientErasure } from '../contract';

export const PATIENT_ERASURE_TYPE = 'patientErasure';
