import { useState } from 'react';
import { TransferProgress } from '../../../components/Display';
import { OutcomeMessage } from '../../../components/Feedback';
import { useAction } from '../../../components/hooks';
import { downloadWithProgress, type Progress } from '../../../lib/transfer';
import { filterQuery, type DisclosureFilter } from './DisclosureFilters';

const EXPORTS = [
  { path: '/me/access-log/export.csv', fileName: 'accounting-of-disclosures.csv', button: 'Download as CSV', what: 'CSV' },
  { path: '/me/access-log/audit-events', fileName: 'accounting-of-disclosures.fhir.json', button: 'Download as FHIR AuditEvents', what: 'FHIR AuditEvents' },
] as const;

/** The whole filtered accounting as a file, with download progress. */
export function DisclosureExports({ filter }: { filter: DisclosureFilter }) {
  const [progress, setProgress] = useState<Progress>();
  const [what, setWhat] = useState('');
  const { outcome, run } = useAction();
  const search = new URLSearchParams(filterQuery(filter)).toString();
  return (
    <div>
      <p className="hint">The download holds every entry that matches the filters above, newest first.</p>
      <div className="actions">
        {EXPORTS.map((download) => (
          <button
            key={download.path}
            type="button"
            onClick={() =>
              void run(async () => {
                setWhat(download.what);
                setProgress({ loaded: 0 });
                const name = await downloadWithProgress(`${download.path}${search === '' ? '' : `?${search}`}`, download.fileName, setProgress);
                return `Downloaded ${name} (${download.what}).`;
              })
            }
          >
            {download.button}
          </button>
        ))}
      </div>
      <TransferProgress label={`Downloading ${what}`} progress={progress} />
      <OutcomeMessage outcome={outcome} />
    </div>
  );
}
