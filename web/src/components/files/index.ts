/**
 * Reusable medical-file components, parameterised by patient or file ID so the patient's records
 * page and a professional's patient page share them: list, upload, download, versions,
 * amendments and the confidentiality label.
 */
import './files.css';

export { AmendmentForm, AmendmentList } from './Amendments';
export { ConfidentialityForm } from './ConfidentialityForm';
export { contentPath, FileDownloadButton } from './FileDownloadButton';
export { FileList, FileName, FileStatus } from './FileList';
export { FileUploadForm } from './FileUploadForm';
export { FileVersionList, NewVersionForm } from './FileVersions';
export { rememberFileName } from './file-names';
export * from './file-model';
