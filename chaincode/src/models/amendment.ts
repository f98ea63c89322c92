import type { DataCategory } from '../lib/categories';
import type { FileContent } from './medical-file';

/**
 * A patient's proposed correction of a file they did not author (or of a clinical note). It only
 * becomes a new file version when a doctor with edit consent approves it, so a clinical record
 * always reflects two parties. The reason and any new file name are private (AmendmentDetails).
 */
export type AmendmentStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'erased';

interface AmendmentBase {
  id: string;
  fileId: string;
  patientId: string;
  category: DataCategory;
  /** The file version the proposal corrects; approval needs the file still at this version. */
  baseVersion: number;
  proposedBy: string;
  proposedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  /** The file version an approval created. */
  resultingVersion?: number;
  updatedAt: string;
}

export interface LiveAmendment extends AmendmentBase, Omit<FileContent, 'clientEncrypted'> {
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
}

/** After the patient erased the file: the content fields are gone, the outcome stays. */
export interface ErasedAmendment extends AmendmentBase {
  status: 'erased';
  statusBeforeErasure: LiveAmendment['status'];
  erasedAt: string;
}

export type Amendment = LiveAmendment | ErasedAmendment;

/** Private details (HEALTH_COLLECTION), from transient field 'amendment'. */
export interface AmendmentDetails {
  reason: string;
  fileName?: string;
  description?: string;
}

export const AMENDMENT_TYPE = 'amendment';
export const AMENDMENT_DETAILS_TYPE = 'amendmentDetails';
/** [fileId, proposedAt, amendmentId]: a file's amendments in proposal order. */
export const AMENDMENT_BY_FILE_INDEX = 'amendment~file~proposed';
