import { useState } from 'react';
import { TextAreaField, TextField } from '../../../components/Fields';
import { headerText, UploadStatus, useUpload } from '../../../components/files/upload';

const NOTE_MAX = 20_000;

/**
 * A clinical note written here, stored as a text file in the patient's clinical notes: the same
 * upload as any file (encrypted off chain, hashes on chain), so it needs the patient's edit
 * consent on clinical notes like any other.
 */
export function NoteForm({ patientId, onSaved }: { patientId: string; onSaved: () => void }) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const upload = useUpload();
  return (
    <form
      aria-label="Write a clinical note"
      onSubmit={(event) => {
        event.preventDefault();
        const name = `${title.trim() === '' ? 'Clinical note' : title.trim()}.txt`;
        const file = new File([text], name, { type: 'text/plain' });
        void upload.upload('/files', file, { 'X-Patient-Id': patientId, 'X-Category': 'clinical-note', 'X-File-Name': headerText(name) }, () => {
          onSaved();
          setText('');
          return `Saved the note ${name} in the patient’s clinical notes.`;
        });
      }}
    >
      <TextField label="Note title" value={title} onChange={setTitle} maxLength={120} />
      <TextAreaField label="Note" value={text} onChange={setText} required maxLength={NOTE_MAX} />
      <div className="actions">
        <button type="submit" className="primary" disabled={text.trim() === '' || upload.outcome.kind === 'busy'}>
          Save note
        </button>
      </div>
      <UploadStatus label="Saving the note" upload={upload} />
    </form>
  );
}
