import { useState, type ReactNode } from 'react';
import { uploadWithProgress, type Progress } from '../../lib/transfer';
import { Field } from '../Fields';
import { useAction } from '../hooks';
import { OutcomeMessage } from '../Feedback';
import { TransferProgress } from '../Display';
import { rememberFileName } from './file-names';

/** A file picker with its label; `file` is undefined until one is chosen. */
export function FileInput({ label, hint, onChange }: { label: string; hint?: string; onChange: (file: File | undefined) => void }) {
  return (
    <Field label={label} {...(hint === undefined ? {} : { hint })}>
      {(id, describedBy) => (
        <input
          id={id}
          type="file"
          required
          aria-describedby={describedBy}
          onChange={(event) => {
            onChange(event.target.files?.[0]);
          }}
        />
      )}
    </Field>
  );
}

/**
 * Header texts beyond Latin-1 cannot travel in a header: the API takes names, reasons and
 * descriptions percent-encoded (UTF-8), as RFC 8187 does.
 */
export function headerText(text: string): string {
  return encodeURIComponent(text);
}

/**
 * One raw upload with progress (lib/transfer.ts): the fields travel as the X-* headers the API
 * documents, the body is the file itself with its own media type. The outcome is the success
 * message or the gateway's problem.
 */
export function useUpload() {
  const { outcome, run } = useAction();
  const [progress, setProgress] = useState<Progress>();
  const upload = (path: string, file: File, headers: Record<string, string>, success: (body: unknown) => ReactNode): Promise<boolean> =>
    run(async () => {
      setProgress({ loaded: 0, total: file.size });
      const body = await uploadWithProgress(path, file, headers, setProgress);
      const fileId = (body as { file?: { fileId?: string } } | undefined)?.file?.fileId;
      if (fileId !== undefined && headers['X-File-Name'] !== undefined) rememberFileName(fileId, file.name);
      return success(body);
    });
  return { outcome, progress, upload };
}

/** The progress bar and the outcome under an upload form. */
export function UploadStatus({ label, upload }: { label: string; upload: ReturnType<typeof useUpload> }) {
  return (
    <>
      <TransferProgress label={label} progress={upload.outcome.kind === 'idle' || upload.outcome.kind === 'failed' ? undefined : upload.progress} />
      <OutcomeMessage outcome={upload.outcome} />
    </>
  );
}
