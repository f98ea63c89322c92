import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Badge, Table, Time } from '../Display';
import { Empty, OutcomeMessage } from '../Feedback';
import { TextAreaField, TextField } from '../Fields';
import { useAction, useLoad } from '../hooks';
import { Load } from '../Load';
import type { Amendment, FileView, Purpose } from './file-model';
import { FileInput, headerText, UploadStatus, useUpload } from './upload';

/** The API limits reasons and descriptions to 2000 characters as sent, percent-encoded (up to 9 per character), so the form keeps well under. */
const REASON_MAX = 600;
const DESCRIPTION_MAX = 600;

const STATUS_TONES = { pending: 'warn', approved: 'good', rejected: 'danger', withdrawn: 'neutral', erased: 'danger' } as const;

function AmendmentStatus({ amendment }: { amendment: Amendment }) {
  const tone = STATUS_TONES[amendment.status];
  return <Badge tone={tone}>{amendment.status}</Badge>;
}

/**
 * A proposed correction of a file the patient did not author (POST /files/{fileId}/amendments):
 * the corrected content, the reason (required) and optionally a new name and description, all
 * private. Nothing changes until a doctor with an edit grant approves it.
 */
export function AmendmentForm({ view, onProposed }: { view: FileView; onProposed?: () => void }) {
  const [file, setFile] = useState<File>();
  const [reason, setReason] = useState('');
  const [description, setDescription] = useState('');
  const [newName, setNewName] = useState('');
  const upload = useUpload();
  const fileId = view.file.fileId;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (file === undefined) return;
    const headers: Record<string, string> = { 'X-Amendment-Reason': headerText(reason) };
    if (newName.trim() !== '') headers['X-File-Name'] = headerText(newName.trim());
    if (description.trim() !== '') headers['X-Description'] = headerText(description.trim());
    void upload.upload(`/files/${encodeURIComponent(fileId)}/amendments`, file, headers, () => {
      onProposed?.();
      return 'Amendment proposed: a doctor with an edit grant on this file reviews it.';
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Propose a correction of ${fileId}`}>
      <FileInput label="Corrected content" onChange={setFile} />
      <TextAreaField label="Why the record is wrong" value={reason} onChange={setReason} required maxLength={REASON_MAX} hint="Private: only you, your delegates and the reviewing doctor can read it." />
      <TextField label="New file name (optional)" value={newName} onChange={setNewName} maxLength={255} />
      <TextAreaField label="Description (optional)" value={description} onChange={setDescription} maxLength={DESCRIPTION_MAX} />
      <div className="actions">
        <button type="submit" className="primary" disabled={file === undefined || reason.trim() === '' || upload.outcome.kind === 'busy'}>
          Propose correction
        </button>
      </div>
      <UploadStatus label="Upload progress of the correction" upload={upload} />
    </form>
  );
}

/**
 * A file's amendments (GET /files/{fileId}/amendments). Pending ones can be closed: a doctor
 * with an edit grant approves (confirming the content's SHA-256 it reviewed) or rejects; the
 * patient or a delegate withdraws its own proposal (the same /rejection, recorded as withdrawn).
 */
export function AmendmentList({ fileId, purpose, reloadKey = 0, canApprove = false, closeLabel = 'Reject', onDecided }: { fileId: string; purpose?: Purpose; reloadKey?: number; canApprove?: boolean; closeLabel?: string; onDecided?: () => void }) {
  const [decided, setDecided] = useState(0);
  const { state } = useLoad(() => ok(api.GET('/files/{fileId}/amendments', { params: { path: { fileId }, query: { limit: 100, ...(purpose === undefined ? {} : { purpose }) } } })), [fileId, purpose, reloadKey, decided]);
  const { outcome, run } = useAction();
  const after = () => {
    setDecided((value) => value + 1);
    onDecided?.();
  };
  const approve = (amendment: Amendment & { contentSha256: string }) =>
    run(async () => {
      const approval = await ok(api.POST('/amendments/{amendmentId}/approval', { params: { path: { amendmentId: amendment.id } }, body: { contentSha256: amendment.contentSha256 } }));
      after();
      return `Approved: the correction is now version ${approval.latest.version}.`;
    });
  const close = (amendment: Amendment) =>
    run(async () => {
      const closed = await ok(api.POST('/amendments/{amendmentId}/rejection', { params: { path: { amendmentId: amendment.id } }, body: {} }));
      after();
      return `The amendment is ${closed.status}.`;
    });
  return (
    <>
      <Load state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No amendments.</Empty>
          ) : (
            <div className="files-table">
            <Table caption={`Amendments of ${fileId}`} headers={['Proposed', 'Corrects version', 'Status', 'Decided', 'Actions']}>
              {page.items.map((amendment) => (
                <tr key={amendment.id}>
                  <td>
                    <Time iso={amendment.proposedAt} />
                  </td>
                  <td>{amendment.baseVersion}</td>
                  <td>
                    <AmendmentStatus amendment={amendment} />
                  </td>
                  <td>{amendment.decidedAt === undefined ? '—' : <Time iso={amendment.decidedAt} />}</td>
                  <td>
                    {amendment.status === 'pending' ? (
                      <div className="actions">
                        {canApprove && 'contentSha256' in amendment ? (
                          <button type="button" className="primary" onClick={() => void approve(amendment)} disabled={outcome.kind === 'busy'}>
                            Approve
                          </button>
                        ) : null}
                        <button type="button" className="danger" onClick={() => void close(amendment)} disabled={outcome.kind === 'busy'}>
                          {closeLabel}
                        </button>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </Table>
            </div>
          )
        }
      </Load>
      <OutcomeMessage outcome={outcome} />
    </>
  );
}
