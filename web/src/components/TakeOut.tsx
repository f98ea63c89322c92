import { useState } from 'react';
import { downloadWithProgress, type Progress } from '../lib/transfer';
import { TransferProgress } from './Display';
import { OutcomeMessage } from './Feedback';
import { useAction } from './hooks';

/**
 * Take-out (GET /me/export): everything MedLedger holds about the signed-in person as one zip: a
 * FHIR R4 Bundle, the ledger records and the decrypted files. Offered before erasure, and anywhere
 * a person may want a copy.
 */
export function TakeOut() {
  const { outcome, run } = useAction();
  const [progress, setProgress] = useState<Progress>();
  return (
    <div className="take-out">
      <p>One zip file with everything MedLedger holds about you: your records as a FHIR R4 Bundle, your entries on the ledger, and your files, decrypted.</p>
      <button
        type="button"
        disabled={outcome.kind === 'busy'}
        onClick={() => {
          void run(async () => {
            const name = await downloadWithProgress('/me/export', 'medledger-export.zip', setProgress);
            return `Downloaded ${name}.`;
          });
        }}
      >
        Download all my data
      </button>
      <TransferProgress label="Preparing your download" progress={progress} />
      <OutcomeMessage outcome={outcome} />
    </div>
  );
}
