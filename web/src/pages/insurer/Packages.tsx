import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Table, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { TextField } from '../../components/Fields';
import { CoverageSummary, Hash, Money } from '../../components/InsuranceDisplay';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { useAction, useLoad } from '../../components/hooks';
import type { InsurancePackage } from '../../lib/insurance';
import { useMe } from '../../session';
import { loadOwnPackages, type OwnPackage } from './own-packages';
import { draftFrom, EMPTY_TERMS, TermsFields, termsOf } from './package-terms-form';

function PublishPackage({ onPublished }: { onPublished: () => void }) {
  const [packageId, setPackageId] = useState('');
  const [draft, setDraft] = useState(EMPTY_TERMS);
  const { outcome, run } = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      const terms = await termsOf(draft);
      const published = await ok(api.POST('/insurance/packages', { body: { packageId: packageId.trim(), ...terms } }));
      setPackageId('');
      setDraft(EMPTY_TERMS);
      onPublished();
      return `Published ${published.packageId}, version ${published.version}. Terms SHA-256: ${published.termsSha256}`;
    });
  };
  return (
    <Section title="Publish a package">
      <form onSubmit={submit}>
        <TextField label="Package ID" hint="Your choice, unique: 3-128 letters, digits, '.', '_' or '-', e.g. ivy-basic-2026" value={packageId} onChange={setPackageId} maxLength={128} required />
        <TermsFields draft={draft} onChange={setDraft} />
        <div className="actions">
          <button type="submit" className="primary" disabled={outcome.kind === 'busy'}>
            Publish package
          </button>
        </div>
      </form>
      <OutcomeMessage outcome={outcome} />
    </Section>
  );
}

function NewVersion({ latest, onPublished }: { latest: InsurancePackage; onPublished: () => void }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(() => draftFrom(latest));
  const { outcome, run } = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      const terms = await termsOf(draft);
      const published = await ok(api.POST('/insurance/packages/{packageId}/versions', { params: { path: { packageId: latest.packageId } }, body: terms }));
      setOpen(false);
      onPublished();
      return `Published ${published.packageId}, version ${published.version}. New applications accept this version's terms.`;
    });
  };
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => { setOpen(!open); }}>
        {open ? 'Cancel the new version' : `Publish a new version of ${latest.packageId}`}
      </button>
      {open ? (
        <form onSubmit={submit} aria-label={`New version of ${latest.packageId}`}>
          <TermsFields draft={draft} onChange={setDraft} />
          <div className="actions">
            <button type="submit" className="primary" disabled={outcome.kind === 'busy'}>
              Publish version {latest.latestVersion + 1}
            </button>
          </div>
        </form>
      ) : null}
      <OutcomeMessage outcome={outcome} />
    </>
  );
}

function PackageCard({ own, onPublished }: { own: OwnPackage; onPublished: () => void }) {
  const { latest, versions } = own;
  return (
    <article className="package" aria-labelledby={`package-${latest.packageId}`}>
      <h3 id={`package-${latest.packageId}`}>
        {latest.packageId} <span className="muted">version {latest.latestVersion}</span>
      </h3>
      <p>
        <Money minor={latest.priceMinor} currency={latest.currency} /> per policy period · {latest.eligibilitySummary}
      </p>
      <CoverageSummary coverage={latest.coverage} currency={latest.currency} />
      <Table caption={`Versions of ${latest.packageId}`} headers={['Version', 'Price', 'Terms SHA-256', 'Published']}>
        {versions.map((version) => (
          <tr key={version.version}>
            <td>{version.version}</td>
            <td>
              <Money minor={version.priceMinor} currency={version.currency} />
            </td>
            <td>
              <Hash value={version.termsSha256} />
            </td>
            <td>
              <Time iso={version.publishedAt} />
            </td>
          </tr>
        ))}
      </Table>
      <NewVersion key={latest.latestVersion} latest={latest} onPublished={onPublished} />
    </article>
  );
}

/** The insurer's packages: publish one (terms hashed in the browser), publish new versions, see every version. */
export function PackagesPage() {
  const me = useMe();
  const { state, reload } = useLoad(() => loadOwnPackages(me.stakeholderId), [me.stakeholderId]);
  return (
    <Page title="Packages" intro="Packages are published as immutable versions. Patients apply for the latest version and accept its terms by their SHA-256.">
      <PublishPackage onPublished={reload} />
      <Section title="Your packages">
        <Load state={state}>
          {(packages) =>
            packages.length === 0 ? (
              <Empty>You have not published a package yet.</Empty>
            ) : (
              <div className="stack">
                {packages.map((own) => (
                  <PackageCard key={own.latest.packageId} own={own} onPublished={reload} />
                ))}
              </div>
            )
          }
        </Load>
      </Section>
    </Page>
  );
}
