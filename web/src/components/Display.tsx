import type { ReactNode } from 'react';
import type { Progress } from '../lib/transfer';
import { formatDateTime } from '../lib/time';

/** A UTC instant shown in the reader's time zone, machine-readable in dateTime. */
export function Time({ iso }: { iso: string | undefined | null }) {
  if (iso === undefined || iso === null || iso === '') return <span>—</span>;
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}

/** A status word; tone picks a colour that keeps AA contrast, and the text says it too. */
export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'good' | 'warn' | 'danger' }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** Upload or download progress; the label says what moves, the text gives the percentage. */
export function TransferProgress({ label, progress }: { label: string; progress: Progress | undefined }) {
  if (progress === undefined) return null;
  const percent = progress.total === undefined || progress.total === 0 ? undefined : Math.round((progress.loaded / progress.total) * 100);
  return (
    <div className="progress">
      <label>
        {label}
        <progress max={100} {...(percent === undefined ? {} : { value: percent })} />
      </label>
      <span aria-live="polite">{percent === undefined ? `${progress.loaded} bytes` : `${percent}%`}</span>
    </div>
  );
}

/** A table that scrolls sideways on a phone instead of breaking the layout. */
export function Table({ caption, headers, children }: { caption: string; headers: readonly string[]; children: ReactNode }) {
  return (
    // Focusable and named, so a keyboard user can scroll a table wider than a phone.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
