import { useState } from 'react';
import { downloadWithProgress, type Progress } from '../../lib/transfer';
import { TransferProgress } from '../Display';
import { OutcomeMessage } from '../Feedback';
import { useAction } from '../hooks';
import { rememberFileName } from './file-names';
import type { Purpose } from './file-model';

/** GET /files/{fileId}/content's address: the latest version unless one is named; a professional's purpose of use. */
export function contentPath(fileId: string, version?: number, purpose?: Purpose): string {
  const query = new URLSearchParams();
  if (version !== undefined) query.set('version', String(version));
  if (purpose !== undefined) query.set('purpose', purpose);
  const search = query.toString();
  return `/files/${encodeURIComponent(fileId)}/content${search === '' ? '' : `?${search}`}`;
}

/**
 * Downloads a file's content with progress. For anyone but the patient this is a logged read
 * (Records:accessFile records who, when and why before a byte is sent), so the button says so; an
 * erased file answers 410 and the problem is shown.
 */
export function FileDownloadButton({ fileId, version, purpose, label = 'Download', logged = false }: { fileId: string; version?: number; purpose?: Purpose; label?: string; logged?: boolean }) {
  const { outcome, run } = useAction();
  const [progress, setProgress] = useState<Progress>();
  const what = version === undefined ? fileId : `${fileId}, version ${version}`;
  const download = () =>
    run(async () => {
      setProgress({ loaded: 0 });
      const name = await downloadWithProgress(contentPath(fileId, version, purpose), fileId, setProgress);
      rememberFileName(fileId, name);
      return `Downloaded ${name}${logged ? ' (the read is in the patient’s access log)' : ''}.`;
    });
  return (
    <div className="file-download">
      <button type="button" onClick={() => void download()} disabled={outcome.kind === 'busy'} aria-label={`${label} ${what}`}>
        {label}
      </button>
      <TransferProgress label="Download progress" progress={outcome.kind === 'idle' || outcome.kind === 'failed' ? undefined : progress} />
      <OutcomeMessage outcome={outcome} />
    </div>
  );
}
