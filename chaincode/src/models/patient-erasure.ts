import { Property } from 'fabric-contract-api';
import type { PatientErasure as PatientErasureShape } from '../contract';
import { Model } from '../lib/object-metadata';

export type { PatientErasure } from '../contract';

/**
 * The public trace of a patient's erasure (the gateway crypto-shredded the patient's off-chain
 * files and purged their private details). It holds no personal data: the pseudonymous patient ID,
 * when, and how many of the patient's files are erased. Re-running an erasure overwrites it; the
 * ledger history keeps every earlier one.
 */
@Model()
class PatientErasure implements PatientErasureShape {
  @Property('patientId', 'string') patientId!: string;
  @Property('erasedAt', 'string') erasedAt!: string;
  @Property('filesErased', 'number') filesErased!: number;
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { PatientErasure as PatientErasureObject };

export const PATIENT_ERASURE_TYPE = 'patientErasure';
