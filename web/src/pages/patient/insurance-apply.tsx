import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/generated/schema';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { CheckboxGroup, TextField } from '../../components/Fields';
import { useAction } from '../../components/hooks';
import { CoverageSummary, Hash, Money } from '../../components/InsuranceDisplay';
import type { InsurancePackage } from '../../lib/insurance';
import { formatDateTime, isoToLocalInput, localInputToIso } from '../../lib/time';

type FileView = components['schemas']['MedicalFileView'];

/** How long the insurer has to answer unless the patient says otherwise. */
const DEFAULT_ANSWER_DAYS = 7;

/** A file as a patient recognises it without its (private) name: kind, type, when. */
function fileLabel(view: FileView): string {
  const mediaType = 'mediaType' in view.latest ? `${view.latest.mediaType}, ` : '';
  return `${view.file.category} file (${mediaType}uploaded ${formatDateTime(view.file.createdAt)}) ${view.file.fileId}`;
}

/**
 * Applying for a package's latest version in one step: the patient accepts its terms by their
 * hash and chooses which of their records the insurer may view while it decides (the apply
 * operation's sharedRecordIds; the ledger grants exactly those, for purpose COVERAGE, and ends the
 * grant with the application).
 */
export function ApplyForm({ offer, files, onApplied }: { offer: InsurancePackage; files: readonly FileView[]; onApplied: (message: string) => void }) {
  const [shared, setShared] = useState<string[]>([]);
  const [deadline, setDeadline] = useState(() => isoToLocalInput(new Date(Date.now() + DEFAULT_ANSWER_DAYS * 86_400_000).toISOString()));
  const [accepted, setAccepted] = useState(false);
  const { outcome, run } = useAction();
  const shareable = files.filter((view) => view.file.status === 'active');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      if (!accepted) throw new Error('Tick “I accept these terms” to apply: your application accepts the terms by their SHA-256.');
      if (deadline === '') throw new Error('Answer by: choose the latest time the insurer may answer.');
      const application = await ok(
        api.POST('/insurance/applications', {
          body: { packageId: offer.packageId, version: offer.latestVersion, acceptedTermsSha256: offer.termsSha256, responseDeadline: localInputToIso(deadline), ...(shared.length === 0 ? {} : { sharedRecordIds: shared }) },
        }),
      );
      const message = `Applied for ${offer.packageId} (application ${application.id})${shared.length === 0 ? '' : `, sharing ${shared.length} record${shared.length === 1 ? '' : 's'} with the insurer until it decides`}.`;
      onApplied(message);
      return message;
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Apply for ${offer.packageId}`}>
      <p>
        Price <Money minor={offer.priceMinor} currency={offer.currency} />, locked when you apply. Terms SHA-256: <Hash value={offer.termsSha256} />
      </p>
      {shareable.length === 0 ? (
        <Empty>You have no records to share; you can apply without.</Empty>
      ) : (
        <CheckboxGroup legend="Records to share with the insurer (optional)" options={shareable.map((view) => ({ value: view.file.fileId, label: fileLabel(view) }))} selected={shared} onChange={setShared} />
      )}
      <TextField label="The insurer must answer by" hint="Your time zone; at most 30 days ahead" type="datetime-local" value={deadline} onChange={setDeadline} required />
      <label className="checkbox">
        <input type="checkbox" checked={accepted} onChange={(event) => { setAccepted(event.target.checked); }} />I accept these terms (version {offer.latestVersion})
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={outcome.kind === 'busy'}>
          Apply for {offer.packageId}
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

/** One package on offer: what it costs and covers, and the way to apply. */
export function OfferCard({ offer, insurerName, files, onApplied }: { offer: InsurancePackage; insurerName: string; files: readonly FileView[]; onApplied: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <article className="package" aria-labelledby={`offer-${offer.packageId}`}>
      <h3 id={`offer-${offer.packageId}`}>
        {offer.packageId} <span className="muted">by {insurerName}</span>
      </h3>
      <p>
        <strong>
          <Money minor={offer.priceMinor} currency={offer.currency} />
        </strong>{' '}
        per {offer.coverage.coveragePeriodDays} days · {offer.eligibilitySummary}
      </p>
      <CoverageSummary coverage={offer.coverage} currency={offer.currency} />
      <button type="button" aria-expanded={open} onClick={() => { setOpen(!open); }}>
        {open ? 'Close the application form' : `Start an application for ${offer.packageId}`}
      </button>
      {open ? <ApplyForm offer={offer} files={files} onApplied={onApplied} /> : null}
    </article>
  );
}
