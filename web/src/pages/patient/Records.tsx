import { useEffect, useRef, useState } from 'react';
import { api, ok } from '../../api/client';
import { useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { AmendmentForm, AmendmentList, ConfidentialityForm, FileDownloadButton, FileList, FileName, FileUploadForm, FileVersionList, NewVersionForm, type FileView } from '../../components/files';
import { Page, Section } from '../../components/Page';
import { useMe } from '../../session';

/**
 * One file opened from the list: its versions (with a download each), the next version (while the
 * patient side authored every version) or a proposed correction (otherwise), its amendments, which
 * the patient may withdraw while pending, and its confidentiality label.
 */
function FileDetail({ fileId, onChanged, onClose }: { fileId: string; onChanged: () => void; onClose: () => void }) {
  const [tick, setTick] = useState(0);
  const changed = () => {
    setTick((value) => value + 1);
    onChanged();
  };
  // Read again after every change: the label, the latest version and who authored it move.
  const { state } = useLoad(() => ok(api.GET('/files/{fileId}', { params: { path: { fileId } } })), [fileId, tick]);
  // Opening a file moves the keyboard and screen reader to it; the panel is below a long list.
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    panel.current?.focus();
  }, []);
  return (
    <div ref={panel} tabIndex={-1} className="file-panel">
      <Section
      title="Selected file"
      actions={
        <button type="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <Load state={state}>{(view) => <FileParts view={view} tick={tick} changed={changed} />}</Load>
      </Section>
    </div>
  );
}

function FileParts({ view, tick, changed }: { view: FileView; tick: number; changed: () => void }) {
  const fileId = view.file.fileId;
  const erased = view.file.status === 'erased';
  return (
    <>
      <p>
        <FileName fileId={fileId} />
      </p>
      {erased ? <p className="message warn">This file was erased: its content can no longer be decrypted by anyone, and its name is gone from the ledger.</p> : null}
      <div className="file-detail">
        <h3>Versions</h3>
        <FileVersionList fileId={fileId} reloadKey={tick} />
      </div>
      {erased ? null : (
        <>
          <div className="file-detail">
            {view.file.patientAuthored ? (
              <>
                <h3>Upload a new version</h3>
                <NewVersionForm view={view} onUploaded={changed} />
              </>
            ) : (
              <>
                <h3>Propose a correction</h3>
                <p className="hint">A professional wrote part of this file, so a doctor with an edit grant reviews your correction before it becomes a new version.</p>
                <AmendmentForm view={view} onProposed={changed} />
              </>
            )}
          </div>
          <div className="file-detail">
            <h3>Confidentiality</h3>
            <ConfidentialityForm key={view.file.confidentiality} view={view} onChanged={changed} />
          </div>
        </>
      )}
      <div className="file-detail">
        <h3>Amendments waiting for approval</h3>
        <p className="hint">A doctor with an edit grant approves or rejects a correction; while it waits you can withdraw it.</p>
        <AmendmentList fileId={fileId} reloadKey={tick} closeLabel="Withdraw" onDecided={changed} />
      </div>
    </>
  );
}

/** The patient's records and files: upload, the list with downloads, and one file's versions, amendments and label. */
export function RecordsPage() {
  const me = useMe();
  const [listKey, setListKey] = useState(0);
  const [selected, setSelected] = useState<string>();
  const reloadList = () => {
    setListKey((value) => value + 1);
  };
  return (
    <Page title="Records and files" intro="Your medical files, encrypted off the ledger. Upload, download, keep versions, and choose how restricted each file is.">
      <Section title="Upload a file">
        <FileUploadForm patientId={me.stakeholderId} onUploaded={reloadList} />
      </Section>
      <Section title="Your files">
        <FileList
          patientId={me.stakeholderId}
          reloadKey={listKey}
          caption="Your files"
          actions={(view) => (
            <div className="actions">
              {view.file.status === 'erased' ? null : <FileDownloadButton fileId={view.file.fileId} />}
              <button
                type="button"
                aria-label={`Versions and details of ${view.file.fileId}`}
                onClick={() => {
                  setSelected(view.file.fileId);
                }}
              >
                Versions and details
              </button>
            </div>
          )}
        />
      </Section>
      {selected === undefined ? null : (
        <FileDetail
          key={selected}
          fileId={selected}
          onChanged={reloadList}
          onClose={() => {
            setSelected(undefined);
          }}
        />
      )}
    </Page>
  );
}
