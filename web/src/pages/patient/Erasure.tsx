import { useId, useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import type { operations } from '../../api/generated/schema';
import { ApiError } from '../../api/problem';
import { Badge, Table, Time, TransferProgress } from '../../components/Display';
import { OutcomeMessage } from '../../components/Feedback';
import { TextField } from '../../components/Fields';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { TakeOut } from '../../components/TakeOut';
import { downloadWithProgress, type Progress } from '../../lib/transfer';
import { useMe } from '../../session';
import './erasure.css';

type ErasureReceipt = operations['downloadErasureReceipt']['responses'][200]['content']['application/json'];
type ErasureStatus = ErasureReceipt['receipt'];

/** What a person must type: a deliberate act, not a click that slips. */
export const CONFIRMATION_PHRASE = 'erase my data';

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The receipt, or undefined while no erasure has started (the API answers 404 then). */
async function loadReceipt(patientId: string): Promise<ErasureReceipt | undefined> {
  try {
    return await ok(api.GET('/patients/{patientId}/erasure/receipt', { params: { path: { patientId } } }));
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return undefined;
    throw error;
  }
}

/** What erasure removes, as the API does it (POST /patients/{patientId}/erasure). */
function WhatIsErased() {
  return (
    <Section title="What is erased">
      <ul>
        <li>
          <strong>Your files, off the ledger:</strong> your personal encryption key is destroyed first, so every stored copy of every file becomes undecryptable at once (crypto-shredding); then the
          files’ keys and the encrypted files themselves are deleted.
        </li>
        <li>
          <strong>Every private item about you on the ledger:</strong> file names and descriptions, amendment reasons, appointment reasons, hospital service details, prescription items,
          insurance claim details and emergency-access reasons are purged from every peer, together with their history.
        </li>
        <li>
          <strong>Afterwards:</strong> your file versions and amendments are tombstones: nobody, you included, can download them, and a professional who tries is told the data was erased.
        </li>
      </ul>
    </Section>
  );
}

/** What the ledger keeps, and why: the same list the receipt's remainsOnChain gives. */
function WhatStays({ remains }: { remains?: ErasureReceipt['remainsOnChain'] }) {
  return (
    <Section title="What stays on the ledger">
      {remains === undefined ? (
        <ul>
          <li>
            <strong>Pseudonymous IDs, object types, statuses and timestamps</strong> of your files, appointments, service requests, prescriptions, orders, claims, consents and emergency
            openings. The ledger is shared by every organisation and append-only: its public state is what every party verifies.
          </li>
          <li>
            <strong>Hashes</strong> (of each erased file version’s encrypted content, of invoices and terms, the salted hash of an emergency reason): they prove what existed without revealing
            it.
          </li>
          <li>
            <strong>The access log</strong> (who accessed which record, when, on what basis and why): the law requires an accounting of disclosures and audit records to be kept.
          </li>
          <li>
            <strong>The erasure receipt</strong>: it proves the erasure happened and what it covered, and holds no content.
          </li>
        </ul>
      ) : (
        <ul>
          {remains.map((item) => (
            <li key={item.what}>
              <strong>{item.what}.</strong> {item.why}
            </li>
          ))}
        </ul>
      )}
      <p className="hint">
        Outside MedLedger’s reach: copies that people you granted access already downloaded, and backups of the key vault until they expire. None of this holds names or content on the
        ledger.
      </p>
    </Section>
  );
}

/** The receipt as it stands, and its download (GET /patients/{patientId}/erasure/receipt, a JSON attachment). */
function Receipt({ patientId, receipt }: { patientId: string; receipt: ErasureStatus }) {
  const { outcome, run } = useAction();
  const [progress, setProgress] = useState<Progress>();
  return (
    <Section title="Your erasure receipt">
      <p>
        Status: {receipt.status === 'complete' ? <Badge tone="good">Complete</Badge> : <Badge tone="warn">In progress</Badge>} · started <Time iso={receipt.startedAt} />
        {receipt.erasedAt === undefined ? null : (
          <>
            {' '}
            · completed <Time iso={receipt.erasedAt} />
          </>
        )}
      </p>
      <p>
        {count(receipt.filesErased, 'file')} erased, {count(receipt.keysPurged, 'private item')} purged from the ledger in {count(receipt.batches.length, 'transaction')}.
        {receipt.offChain === undefined
          ? null
          : ` Off the ledger: your key ${receipt.offChain.keyEncryptionKeyDestroyed ? 'destroyed' : 'not destroyed'}, ${count(receipt.offChain.dataKeysDestroyed, 'file key')} destroyed, ${count(receipt.offChain.blobsDeleted, 'stored file')} deleted.`}
      </p>
      {receipt.purged.length === 0 ? null : (
        <Table caption="Purged items by type" headers={['Type', 'Purged']}>
          {receipt.purged.map((purged) => (
            <tr key={purged.objectType}>
              <td>{purged.objectType}</td>
              <td>{purged.count}</td>
            </tr>
          ))}
        </Table>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={outcome.kind === 'busy'}
          onClick={() => {
            void run(async () => {
              const name = await downloadWithProgress(`/patients/${encodeURIComponent(patientId)}/erasure/receipt`, `erasure-receipt-${patientId}.json`, setProgress);
              return `Downloaded ${name}.`;
            });
          }}
        >
          Download the erasure receipt
        </button>
      </div>
      <TransferProgress label="Receipt download" progress={outcome.kind === 'idle' || outcome.kind === 'failed' ? undefined : progress} />
      <OutcomeMessage outcome={outcome} />
    </Section>
  );
}

/**
 * The deliberate confirmation: the button stays disabled until the phrase is typed and the
 * irreversibility acknowledged. The API also wants a fresh sign-in (401 STEP_UP_REQUIRED, which
 * OutcomeMessage turns into "Sign in again to confirm it is you").
 */
function EraseForm({ patientId, resume, onErased }: { patientId: string; resume: boolean; onErased: (result: string) => void }) {
  const [phrase, setPhrase] = useState('');
  const [understood, setUnderstood] = useState(false);
  const checkboxId = useId();
  const { outcome, run } = useAction();
  const ready = phrase.trim().toLowerCase() === CONFIRMATION_PHRASE && understood;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!ready) return;
    void run(async () => {
      const summary = await ok(api.POST('/patients/{patientId}/erasure', { params: { path: { patientId } } }));
      const result =
        summary.erasure.status === 'complete'
          ? `Erasure complete: ${count(summary.filesErased, 'file')} erased and ${count(summary.keysPurged, 'private item')} purged. Download your receipt below.`
          : 'Erasure started but not finished: press the button again to continue.';
      onErased(result);
      return result;
    });
  };
  return (
    <Section title={resume ? 'Finish the erasure' : 'Erase my data'}>
      <form onSubmit={submit} aria-label="Erase my data">
        <p className="message warn">This cannot be undone. Download your data first if you may need it.</p>
        <TextField label={`Type “${CONFIRMATION_PHRASE}” to confirm`} value={phrase} onChange={setPhrase} required />
        <div className="checkbox">
          <input
            id={checkboxId}
            type="checkbox"
            checked={understood}
            onChange={(event) => {
              setUnderstood(event.target.checked);
            }}
          />
          <label htmlFor={checkboxId}>I understand this cannot be undone</label>
        </div>
        <div className="actions">
          <button type="submit" className="danger primary" disabled={!ready || outcome.kind === 'busy'}>
            {resume ? 'Finish erasing my data' : 'Erase my data permanently'}
          </button>
        </div>
        {outcome.kind === 'busy' ? (
          <p className="erasure-progress" role="status" aria-busy="true">
            Erasing: destroying your keys and purging the ledger in batches…
          </p>
        ) : (
          <OutcomeMessage outcome={outcome} />
        )}
      </form>
    </Section>
  );
}

/** The patient erases everything private MedLedger holds about them, and keeps the receipt. */
export function ErasurePage() {
  const me = useMe();
  const [result, setResult] = useState<string>();
  const { state } = useLoad(() => loadReceipt(me.stakeholderId), [me.stakeholderId, result]);
  return (
    <Page title="Erase my data" intro="Erasing removes your health data for good. Read what is erased and what the shared ledger keeps before you decide.">
      <Load state={state}>
        {(receipt) => (
          <>
            {receipt?.receipt.status === 'complete' ? null : (
              <>
                <WhatIsErased />
                <WhatStays />
                <Section title="Before you erase">
                  <TakeOut />
                </Section>
                <EraseForm
                  patientId={me.stakeholderId}
                  resume={receipt !== undefined}
                  onErased={setResult}
                />
              </>
            )}
            {result === undefined || receipt?.receipt.status !== 'complete' ? null : (
              <p className="message success" role="status">
                {result}
              </p>
            )}
            {receipt === undefined ? null : (
              <>
                <Receipt patientId={me.stakeholderId} receipt={receipt.receipt} />
                {receipt.receipt.status === 'complete' ? <WhatStays remains={receipt.remainsOnChain} /> : null}
              </>
            )}
          </>
        )}
      </Load>
    </Page>
  );
}
