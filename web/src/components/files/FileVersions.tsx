import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Badge, Table, Time } from '../Display';
import { Empty } from '../Feedback';
import { useLoad } from '../hooks';
import { Load } from '../Load';
import { FileDownloadButton } from './FileDownloadButton';
import type { FileView, Purpose } from './file-model';
import { FileInput, headerText, UploadStatus, useUpload } from './upload';

/**
 * A file's versions, oldest first (GET /files/{fileId}/versions, paged by the chaincode's own
 * bookmark): who uploaded each and when, whether an approved amendment made it, and a download of
 * each version that is not erased.
 */
export function FileVersionList({ fileId, purpose, reloadKey = 0, logged = false }: { fileId: string; purpose?: Purpose; reloadKey?: number; logged?: boolean }) {
  const { state } = useLoad(async () => {
    const versions = [];
    let bookmark = '';
    // A file has few versions; the loop ends at the chaincode's last page (empty bookmark).
    for (let page = 0; page < 20; page += 1) {
      const answer = await ok(api.GET('/files/{fileId}/versions', { params: { path: { fileId }, query: { pageSize: 100, bookmark, ...(purpose === undefined ? {} : { purpose }) } } }));
      versions.push(...answer.items);
      bookmark = answer.bookmark;
      if (bookmark === '') break;
    }
    return versions;
  }, [fileId, purpose, reloadKey]);
  return (
    <Load state={state}>
      {(versions) =>
        versions.length === 0 ? (
          <Empty>No versions.</Empty>
        ) : (
          <div className="files-table">
          <Table caption={`Versions of ${fileId}`} headers={['Version', 'Uploaded', 'By', 'Origin', 'Content']}>
            {versions.map((version) => (
              <tr key={version.version}>
                <td>{version.version}</td>
                <td>
                  <Time iso={version.createdAt} />
                </td>
                <td>
                  <code>{version.uploaderId}</code>
                </td>
                <td>{version.amendmentId === undefined ? 'Upload' : `Approved amendment ${version.amendmentId}`}</td>
                <td>{version.status === 'erased' ? <Badge tone="danger">Erased</Badge> : <FileDownloadButton fileId={fileId} version={version.version} logged={logged} {...(purpose === undefined ? {} : { purpose })} />}</td>
              </tr>
            ))}
          </Table>
          </div>
        )
      }
    </Load>
  );
}

/**
 * Uploads the next version of a file (POST /files/{fileId}/versions): earlier versions stay. The
 * patient side may while it authored every version; afterwards it proposes an amendment instead.
 */
export function NewVersionForm({ view, onUploaded }: { view: FileView; onUploaded?: () => void }) {
  const [file, setFile] = useState<File>();
  const upload = useUpload();
  const fileId = view.file.fileId;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (file === undefined) return;
    void upload.upload(`/files/${encodeURIComponent(fileId)}/versions`, file, { 'X-File-Name': headerText(file.name) }, (body) => {
      onUploaded?.();
      const latest = (body as FileView).latest.version;
      return `Uploaded ${file.name} as version ${latest}.`;
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Upload a new version of ${fileId}`}>
      <FileInput label="New version" hint="The earlier versions are kept and stay downloadable." onChange={setFile} />
      <div className="actions">
        <button type="submit" className="primary" disabled={file === undefined || upload.outcome.kind === 'busy'}>
          Upload new version
        </button>
      </div>
      <UploadStatus label="Upload progress of the new version" upload={upload} />
    </form>
  );
}
