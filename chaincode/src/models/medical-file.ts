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

export const MEDICAL_FILE_TYPE = 'medicalFile';
export const MEDICAL_FILE_VERSION_TYPE = 'medicalFileVersion';
/** Private-collection key type of a version's FileDetails. */
export const MEDICAL_FILE_DETAILS_TYPE = 'medicalFileDetails';
/** [patientId, createdAt, fileId]: a patient's files in upload order. */
export const MEDICAL_FILE_BY_PATIENT_INDEX = 'medicalFile~patient~created';
