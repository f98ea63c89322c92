import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { OutcomeMessage } from '../Feedback';
import { SelectField } from '../Fields';
import { useAction } from '../hooks';
import { CONFIDENTIALITY_HINT, CONFIDENTIALITY_NAMES, CONFIDENTIALITY_OPTIONS, isConfidentiality, type Confidentiality, type FileView } from './file-model';

/** Relabels a file N, R or V (PUT-like POST /files/{fileId}/confidentiality): the patient themself only. */
export function ConfidentialityForm({ view, onChanged }: { view: FileView; onChanged?: () => void }) {
  const [label, setLabel] = useState<Confidentiality>(view.file.confidentiality);
  const { outcome, run } = useAction();
  const fileId = view.file.fileId;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      const changed = await ok(api.POST('/files/{fileId}/confidentiality', { params: { path: { fileId } }, body: { confidentiality: label } }));
      onChanged?.();
      return `The file is now labelled ${changed.file.confidentiality}, ${CONFIDENTIALITY_NAMES[changed.file.confidentiality]}.`;
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Relabel ${fileId}`}>
      <SelectField
        label="Confidentiality label"
        hint={CONFIDENTIALITY_HINT}
        value={label}
        onChange={(value) => {
          if (isConfidentiality(value)) setLabel(value);
        }}
        options={CONFIDENTIALITY_OPTIONS}
      />
      <div className="actions">
        <button type="submit" disabled={label === view.file.confidentiality || outcome.kind === 'busy'}>
          Change label
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
