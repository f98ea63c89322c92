import { Property } from 'fabric-contract-api';
import type { AccessBasis, DataCategory, FileDetails as FileDetailsShape, FileStatus, MedicalFileHead as MedicalFileHeadShape } from '../contract';
import { Model, Optional } from '../lib/object-metadata';

export type {
  ActiveFileVersion,
  ErasedFileVersion,
  FileContent,
  FileDetails,
  FileMetadataView,
  FileStatus,
  MedicalFile,
  MedicalFileHead,
} from '../contract';

/**
 * A medical file's ledger records (contract/records.ts). The content itself lives encrypted off
 * chain (storageRef); the ledger keeps what proves integrity, who uploaded which version and when,
 * and the file's status. The file name and description are personal health data and live in the
 * private collection (FileDetails), never in public state.
 */

/** The file's head: its owner, category and the pointer to the latest version. */
@Model()
class MedicalFileHead implements MedicalFileHeadShape {
  @Property('fileId', 'string') fileId!: string;
  @Property('patientId', 'string') patientId!: string;
  @Property('category', 'string') category!: DataCategory;
  @Property('latestVersion', 'number') latestVersion!: number;
  @Property('status', 'string') status!: FileStatus;
  @Property('patientAuthored', 'boolean') patientAuthored!: boolean;
  @Property('createdAt', 'string') createdAt!: string;
  @Property('updatedAt', 'string') updatedAt!: string;
  @Optional() @Property('erasedAt', 'string') erasedAt?: string;
}

/**
 * One version as GetMetadata describes it. Metadata cannot say "one of": an active version has
 * the content fields, an erased one only ciphertextSha256 and erasedAt, so those are optional here
 * (contract/records.ts medicalFile is exact).
 */
@Model()
class MedicalFile {
  @Property('fileId', 'string') fileId!: string;
  @Property('version', 'number') version!: number;
  @Property('patientId', 'string') patientId!: string;
  @Property('category', 'string') category!: DataCategory;
  @Property('uploaderId', 'string') uploaderId!: string;
  @Optional() @Property('previousVersion', 'number') previousVersion?: number;
  @Optional() @Property('amendmentId', 'string') amendmentId?: string;
  @Optional() @Property('approvedBy', 'string') approvedBy?: string;
  @Property('createdAt', 'string') createdAt!: string;
  @Property('status', 'string') status!: FileStatus;
  @Optional() @Property('contentSha256', 'string') contentSha256?: string;
  @Property('ciphertextSha256', 'string') ciphertextSha256!: string;
  @Optional() @Property('sizeBytes', 'number') sizeBytes?: number;
  @Optional() @Property('mediaType', 'string') mediaType?: string;
  @Optional() @Property('storageRef', 'string') storageRef?: string;
  @Optional() @Property('clientEncrypted', 'boolean') clientEncrypted?: boolean;
  @Optional() @Property('erasedAt', 'string') erasedAt?: string;
}

@Model()
class MedicalFilePage {
  @Property('items', 'MedicalFile[]') items!: MedicalFile[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** Private details of one version (HEALTH_COLLECTION), from transient field 'file'. */
@Model()
class FileDetails implements FileDetailsShape {
  @Property('fileName', 'string') fileName!: string;
  @Optional() @Property('description', 'string') description?: string;
  /** For a version created by an approved amendment: the patient's reason. */
  @Optional() @Property('amendmentReason', 'string') amendmentReason?: string;
}

/** What createFile, addVersion, getFileMetadata and listFiles return: no private details. */
@Model()
class FileMetadataView {
  @Property('file', 'MedicalFileHead') file!: MedicalFileHead;
  @Property('latest', 'MedicalFile') latest!: MedicalFile;
}

@Model()
class FileMetadataPage {
  @Property('items', 'FileMetadataView[]') items!: FileMetadataView[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** Records:accessFile: the version, its private details (null when this peer lacks them) and why access was allowed. */
@Model()
class FileAccess {
  @Property('file', 'MedicalFile') file!: MedicalFile;
  @Property('details', 'FileDetails') details!: FileDetails | null;
  @Property('latestVersion', 'number') latestVersion!: number;
  @Property('basis', 'string') basis!: AccessBasis;
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { MedicalFileHead as MedicalFileHeadObject, MedicalFile as MedicalFileObject, MedicalFilePage as MedicalFilePageObject, FileDetails as FileDetailsObject, FileMetadataView as FileMetadataViewObject, FileMetadataPage as FileMetadataPageObject, FileAccess as FileAccessObject };

export const MEDICAL_FILE_TYPE = 'medicalFile';
export const MEDICAL_FILE_VERSION_TYPE = 'medicalFileVersion';
/** Private-collection key type of a version's FileDetails. */
export const MEDICAL_FILE_DETAILS_TYPE = 'medicalFileDetails';
/** [patientId, createdAt, fileId]: a patient's files in upload order. */
export const MEDICAL_FILE_BY_PATIENT_INDEX = 'medicalFile~patient~created';
