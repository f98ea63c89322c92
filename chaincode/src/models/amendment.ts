import { Property } from 'fabric-contract-api';
import type {
  AmendmentDetails as AmendmentDetailsShape,
  AmendmentStatus,
  DataCategory,
  LiveAmendmentStatus,
  MedicalFile,
  MedicalFileHead,
} from '../contract';
import { Model, Optional } from '../lib/object-metadata';

export type { Amendment, AmendmentDetails, AmendmentStatus, ErasedAmendment, LiveAmendment } from '../contract';

/**
 * A patient's proposed correction of a file they did not author (or of a clinical note), as
 * GetMetadata describes it (contract/records.ts amendment is exact). It only becomes a new file
 * version when a doctor with edit consent approves it, so a clinical record always reflects two
 * parties. Metadata cannot say "one of": a live amendment has the content fields, an erased one
 * statusBeforeErasure and erasedAt instead, so those are optional here. The reason and any new
 * file name are private (AmendmentDetails).
 */
@Model()
class Amendment {
  @Property('id', 'string') id!: string;
  @Property('fileId', 'string') fileId!: string;
  @Property('patientId', 'string') patientId!: string;
  @Property('category', 'string') category!: DataCategory;
  @Property('baseVersion', 'number') baseVersion!: number;
  @Property('proposedBy', 'string') proposedBy!: string;
  @Property('proposedAt', 'string') proposedAt!: string;
  @Optional() @Property('decidedBy', 'string') decidedBy?: string;
  @Optional() @Property('decidedAt', 'string') decidedAt?: string;
  @Optional() @Property('resultingVersion', 'number') resultingVersion?: number;
  @Property('updatedAt', 'string') updatedAt!: string;
  @Property('status', 'string') status!: AmendmentStatus;
  @Optional() @Property('contentSha256', 'string') contentSha256?: string;
  @Optional() @Property('ciphertextSha256', 'string') ciphertextSha256?: string;
  @Optional() @Property('sizeBytes', 'number') sizeBytes?: number;
  @Optional() @Property('mediaType', 'string') mediaType?: string;
  @Optional() @Property('storageRef', 'string') storageRef?: string;
  @Optional() @Property('statusBeforeErasure', 'string') statusBeforeErasure?: LiveAmendmentStatus;
  @Optional() @Property('erasedAt', 'string') erasedAt?: string;
}

@Model()
class AmendmentPage {
  @Property('items', 'Amendment[]') items!: Amendment[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** Private details (HEALTH_COLLECTION), from transient field 'amendment'. */
@Model()
class AmendmentDetails implements AmendmentDetailsShape {
  @Property('reason', 'string') reason!: string;
  @Optional() @Property('fileName', 'string') fileName?: string;
  @Optional() @Property('description', 'string') description?: string;
}

/** Records:accessAmendment: the amendment with its private details (null when this peer lacks them). */
@Model()
class AmendmentWithDetails {
  @Property('amendment', 'Amendment') amendment!: Amendment;
  @Property('details', 'AmendmentDetails') details!: AmendmentDetails | null;
}

/** Records:approveAmendment: the approved amendment and the file version it created. */
@Model()
class AmendmentApproval {
  @Property('amendment', 'Amendment') amendment!: Amendment;
  @Property('file', 'MedicalFileHead') file!: MedicalFileHead;
  @Property('latest', 'MedicalFile') latest!: MedicalFile;
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { Amendment as AmendmentObject, AmendmentPage as AmendmentPageObject, AmendmentDetails as AmendmentDetailsObject, AmendmentWithDetails as AmendmentWithDetailsObject, AmendmentApproval as AmendmentApprovalObject };

export const AMENDMENT_TYPE = 'amendment';
export const AMENDMENT_DETAILS_TYPE = 'amendmentDetails';
/** [fileId, proposedAt, amendmentId]: a file's amendments in proposal order. */
export const AMENDMENT_BY_FILE_INDEX = 'amendment~file~proposed';
