import { useState, type SyntheticEvent } from 'react';
import { SelectField } from '../Fields';
import { CATEGORY_NAMES, CATEGORY_OPTIONS, CONFIDENTIALITY_HINT, CONFIDENTIALITY_NAMES, CONFIDENTIALITY_OPTIONS, isCategory, isConfidentiality, type Category, type Confidentiality, type FileView } from './file-model';
import { FileInput, headerText, UploadStatus, useUpload } from './upload';

/**
 * Uploads a new medical file for a patient (POST /files, raw body, fields as X-* headers) with
 * progress. The patient, a delegate, or a professional with an edit grant on the category may;
 * the chain decides and the form shows its answer. The file name is private data (never on the
 * public ledger); the category and label are public.
 */
export function FileUploadForm({ patientId, onUploaded, categories = CATEGORY_OPTIONS.map((option) => option.value) }: { patientId: string; onUploaded?: (view: FileView) => void; categories?: readonly Category[] }) {
  const [file, setFile] = useState<File>();
  const [category, setCategory] = useState<Category>(categories[0] ?? 'lab');
  const [confidentiality, setConfidentiality] = useState<Confidentiality>('N');
  const upload = useUpload();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (file === undefined) return;
    const headers = { 'X-Patient-Id': patientId, 'X-Category': category, 'X-Confidentiality': confidentiality, 'X-File-Name': headerText(file.name) };
    void upload.upload('/files', file, headers, (body) => {
      const view = body as FileView;
      onUploaded?.(view);
      return `Uploaded ${file.name}: ${CATEGORY_NAMES[category]}, ${CONFIDENTIALITY_NAMES[confidentiality]}.`;
    });
  };
  return (
    <form onSubmit={submit} aria-label="Upload a file">
      <FileInput label="File" hint="Encrypted by the gateway before it is stored; only its hashes go on the ledger." onChange={setFile} />
      <SelectField
        label="Category"
        value={category}
        onChange={(value) => {
          if (isCategory(value)) setCategory(value);
        }}
        options={CATEGORY_OPTIONS.filter((option) => categories.includes(option.value))}
      />
      <SelectField
        label="Confidentiality"
        hint={CONFIDENTIALITY_HINT}
        value={confidentiality}
        onChange={(value) => {
          if (isConfidentiality(value)) setConfidentiality(value);
        }}
        options={CONFIDENTIALITY_OPTIONS}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={file === undefined || upload.outcome.kind === 'busy'}>
          Upload
        </button>
      </div>
      <UploadStatus label="Upload progress" upload={upload} />
    </form>
  );
}
