import '../../components/consent/consent.css';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/generated/schema';
import { Time } from '../../components/Display';
import { OutcomeMessage } from '../../components/Feedback';
import { TextAreaField, TextField } from '../../components/Fields';
import { useAction } from '../../components/hooks';
import { Page, Section } from '../../components/Page';
import { FileDownloadButton, FileList, type FileView } from '../../components/files';
import { formatDateTime } from '../../lib/time';

type BreakGlass = components['schemas']['BreakGlass'];

const REASON_MAX = 2000;

/** A V (very restricted) file needs its own second reason inside the window before it can be read. */
function VeryRestrictedOpener({ patientId, view }: { patientId: string; view: FileView }) {
  const [reason, setReason] = useState('');
  const { outcome, run } = useAction();
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          const opening = await ok(api.POST('/patients/{patientId}/break-glass/records/{recordId}', { params: { path: { patientId, recordId: view.file.fileId } }, body: { reason } }));
          return `Opened ${opening.recordId} until ${formatDateTime(opening.expiresAt)}: you may read it now.`;
        });
      }}
    >
      <TextField label={`Second reason for very restricted file ${view.file.fileId}`} value={reason} onChange={setReason} required maxLength={REASON_MAX} />
      <button type="submit" className="danger">
        Open this file
      </button>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

function OpenWindow({ opened }: { opened: BreakGlass }) {
  return (
    <Section title="Emergency window open">
      <p className="message warn" role="status">
        Emergency access to patient <code>{opened.patientId}</code> is open until <Time iso={opened.expiresAt} /> (view only). Every read states purpose emergency treatment (ETREAT) and is logged as break-glass.
      </p>
      <FileList
        patientId={opened.patientId}
        purpose="ETREAT"
        caption={`Files of patient ${opened.patientId} under emergency access`}
        actions={(view) => (
          <>
            {view.file.confidentiality === 'V' ? <VeryRestrictedOpener patientId={opened.patientId} view={view} /> : null}
            <FileDownloadButton fileId={view.file.fileId} purpose="ETREAT" logged label="Read" />
          </>
        )}
      />
    </Section>
  );
}

/**
 * Break-glass: emergency access to a patient's data without consent, for a short view-only
 * window. It is never routine, so the page says plainly what happens: the patient is told at
 * once, and the opening and every read stay in their accounting of disclosures.
 */
export function BreakGlassPage() {
  const [patientId, setPatientId] = useState('');
  const [reason, setReason] = useState('');
  const [opened, setOpened] = useState<BreakGlass>();
  const { outcome, run } = useAction();
  const open = () =>
    run(async () => {
      const record = await ok(api.POST('/patients/{patientId}/break-glass', { params: { path: { patientId: patientId.trim() } }, body: { reason } }));
      setOpened(record);
      setReason('');
      return `Emergency access opened for ${record.patientId} until ${formatDateTime(record.expiresAt)}. The patient has been notified.`;
    });
  return (
    <Page title="Emergency access">
      <section className="card emergency" aria-labelledby="emergency-warning">
        <h2 id="emergency-warning">For emergencies only</h2>
        <ul>
          <li>Opens a 60-minute, view-only window on a patient’s data without their consent.</li>
          <li>The patient is notified at once, and the opening and every read are logged in their accounting of disclosures, highlighted as break-glass.</li>
          <li>Your reason is kept privately on the ledger for review (only its salted hash is public); misuse is a disciplinary matter.</li>
        </ul>
      </section>
      <Section title="Open emergency access">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void open();
          }}
        >
          <TextField label="Patient ID" hint="e.g. pat-…" value={patientId} onChange={setPatientId} required />
          <TextAreaField label="Reason (required)" hint="Why this is an emergency; kept private, never shown to others" value={reason} onChange={setReason} required maxLength={REASON_MAX} />
          <div className="actions">
            <button type="submit" className="danger primary" disabled={patientId.trim() === '' || reason.trim() === ''}>
              Open emergency access
            </button>
          </div>
          <OutcomeMessage outcome={outcome} />
        </form>
      </Section>
      {opened === undefined ? null : <OpenWindow key={opened.id} opened={opened} />}
    </Page>
  );
}
