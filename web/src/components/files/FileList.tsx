import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { api, ok } from '../../api/client';
import { messageOf } from '../../api/problem';
import { Badge, Table, Time } from '../Display';
import { Empty, ErrorMessage } from '../Feedback';
import { useLoad } from '../hooks';
import { Load } from '../Load';
import { fileNamesVersion, knownFileName, subscribeToFileNames } from './file-names';
import { CATEGORY_NAMES, CONFIDENTIALITY_NAMES, type FileView, type Purpose } from './file-model';

const PAGE_SIZE = 50;

async function filePage(patientId: string, purpose: Purpose | undefined, cursor: string | undefined) {
  return ok(api.GET('/patients/{patientId}/files', { params: { path: { patientId }, query: { limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }), ...(purpose === undefined ? {} : { purpose }) } } }));
}

/** A file's name when this tab has seen it (uploaded or downloaded), else its ID: names are private. */
export function FileName({ fileId }: { fileId: string }) {
  useSyncExternalStore(subscribeToFileNames, fileNamesVersion);
  const name = knownFileName(fileId);
  if (name === undefined) return <code>{fileId}</code>;
  return (
    <span className="file-name">
      <span>{name}</span> <code className="file-id">{fileId}</code>
    </span>
  );
}

export function FileStatus({ view }: { view: FileView }) {
  return view.file.status === 'erased' ? <Badge tone="danger">Erased</Badge> : <Badge tone="good">Active</Badge>;
}

/**
 * A patient's files (metadata only, GET /patients/{patientId}/files): name where this tab has seen
 * it, category, confidentiality label, versions, when it was uploaded (reader's time zone), status,
 * and whatever actions the page adds per file. A grantee sees only the files its grants cover.
 */
export function FileList({ patientId, purpose, reloadKey = 0, actions, caption = 'Files' }: { patientId: string; purpose?: Purpose; reloadKey?: number; actions?: (view: FileView) => ReactNode; caption?: string }) {
  const { state } = useLoad(() => filePage(patientId, purpose, undefined), [patientId, purpose, reloadKey]);
  const [more, setMore] = useState<{ forKey: string; items: FileView[]; cursor: string | null }>();
  const [failure, setFailure] = useState<string>();
  const key = `${patientId}|${purpose ?? ''}|${reloadKey}`;
  return (
    <Load state={state}>
      {(first) => {
        const extra = more?.forKey === key ? more : undefined;
        const items = [...first.items, ...(extra?.items ?? [])];
        const cursor = extra === undefined ? first.nextCursor : extra.cursor;
        if (items.length === 0) return <Empty>No files yet.</Empty>;
        return (
          <>
            <div className="files-table">
            <Table caption={caption} headers={['File', 'Category', 'Label', 'Versions', 'Uploaded', 'Status', 'Actions']}>
              {items.map((view) => (
                <tr key={view.file.fileId}>
                  <td>
                    <FileName fileId={view.file.fileId} />
                  </td>
                  <td>{CATEGORY_NAMES[view.file.category]}</td>
                  <td>
                    <abbr title={CONFIDENTIALITY_NAMES[view.file.confidentiality]}>{view.file.confidentiality}</abbr> {CONFIDENTIALITY_NAMES[view.file.confidentiality]}
                  </td>
                  <td>{view.file.latestVersion}</td>
                  <td>
                    <Time iso={view.file.createdAt} />
                  </td>
                  <td>
                    <FileStatus view={view} />
                  </td>
                  <td>{actions?.(view)}</td>
                </tr>
              ))}
            </Table>
            </div>
            {cursor === null ? null : (
              <div className="actions">
                <button
                  type="button"
                  onClick={() => {
                    filePage(patientId, purpose, cursor).then(
                      (page) => {
                        setFailure(undefined);
                        setMore({ forKey: key, items: [...(extra?.items ?? []), ...page.items], cursor: page.nextCursor });
                      },
                      (error: unknown) => {
                        setFailure(messageOf(error));
                      },
                    );
                  }}
                >
                  Show more files
                </button>
              </div>
            )}
            {failure === undefined ? null : <ErrorMessage message={failure} />}
          </>
        );
      }}
    </Load>
  );
}
