import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import type { paths } from '../../api/generated/schema';
import { Badge, Table, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { CheckboxGroup, SelectField, TextField } from '../../components/Fields';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { ResultNotice } from '../../components/ResultNotice';
import { useAction, useLoad } from '../../components/hooks';
import { formatDate, formatDateTime } from '../../lib/time';
import '../../components/insurance.css';

type CreateBody = paths['/admin/api-keys']['post']['requestBody']['content']['application/json'];
type KeySummary = paths['/admin/api-keys']['get']['responses'][200]['content']['application/json']['items'][number];
type OrganisationRole = CreateBody['role'];
type KeyScope = CreateBody['scopes'][number];

/** Records over the API's own enumerations: a role or scope it adds fails the build here. */
const ROLE_NAMES: Readonly<Record<OrganisationRole, string>> = { hospital: 'Hospital or lab', pharmacy: 'Pharmacy', insurer: 'Insurer' };
const SCOPE_NAMES: Readonly<Record<KeyScope, string>> = { read: 'read', write: 'write (act on the ledger)', admin: 'admin (administration; rarely right for an organisation)' };

/** A secret as the API answers it once: kept in this component's memory until dismissed, never stored. */
interface Issued {
  apiKey: string;
  keyId: string;
  what: string;
}

function keyState(key: KeySummary, now: number): { label: string; tone: 'good' | 'warn' | 'danger' | 'neutral' } {
  if (key.revokedAt !== null) return { label: 'revoked', tone: 'danger' };
  if (new Date(key.expiresAt).getTime() <= now) return { label: 'expired', tone: 'neutral' };
  if (key.replacedBy !== null) return { label: `retiring (replaced by ${key.replacedBy})`, tone: 'warn' };
  return { label: 'active', tone: 'good' };
}

/** The new secret, once: a warning, the key, and a copy button. */
function SecretOnce({ issued, onDismiss }: { issued: Issued; onDismiss: () => void }) {
  const [copied, setCopied] = useState<string>();
  const copy = () => {
    navigator.clipboard.writeText(issued.apiKey).then(
      () => {
        setCopied('Copied to the clipboard.');
      },
      () => {
        setCopied('This browser did not allow copying: select the key and copy it by hand.');
      },
    );
  };
  return (
    <section className="card secret-once" aria-labelledby="secret-title">
      <h2 id="secret-title">New API key {issued.keyId}</h2>
      <p className="message warn">
        {issued.what} Copy the key now and hand it over securely: it is shown only this once and cannot be shown again.
      </p>
      <code className="secret">
        {issued.apiKey}
      </code>
      <div className="actions">
        <button type="button" className="primary" onClick={copy}>
          Copy the key
        </button>
        <button type="button" onClick={onDismiss}>
          I have stored it: hide the key
        </button>
      </div>
      <p role="status">{copied ?? null}</p>
    </section>
  );
}

function CreateKey({ onIssued }: { onIssued: (issued: Issued) => void }) {
  const [organisation, setOrganisation] = useState('');
  const [role, setRole] = useState<OrganisationRole>('insurer');
  const [scopes, setScopes] = useState<string[]>(['read', 'write']);
  const [days, setDays] = useState('90');
  const { outcome, run } = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      if (!/^\d+$/.test(days.trim())) throw new Error('Valid for: type a whole number of days.');
      if (scopes.length === 0) throw new Error('Scopes: choose at least one.');
      const created = await ok(api.POST('/admin/api-keys', { body: { organisation: organisation.trim(), role, scopes: scopes as KeyScope[], days: Number(days.trim()) } }));
      onIssued({ apiKey: created.apiKey, keyId: created.key.keyId, what: `Issued to ${created.principal.displayName} (${created.principal.stakeholderId}), valid until ${formatDate(created.key.expiresAt)}.` });
      setOrganisation('');
      return `Created key ${created.key.keyId} for ${created.principal.displayName}.`;
    });
  };
  return (
    <Section title="Issue a key">
      <form onSubmit={submit}>
        <TextField label="Organisation" hint="Its name as it should appear (e.g. Acme Insurance)" value={organisation} onChange={setOrganisation} maxLength={200} required />
        <SelectField label="Role" value={role} onChange={(value) => { setRole(value as OrganisationRole); }} options={(Object.keys(ROLE_NAMES) as OrganisationRole[]).map((value) => ({ value, label: ROLE_NAMES[value] }))} />
        <CheckboxGroup legend="Scopes" options={(Object.keys(SCOPE_NAMES) as KeyScope[]).map((value) => ({ value, label: SCOPE_NAMES[value] }))} selected={scopes} onChange={setScopes} />
        <TextField label="Valid for (days)" value={days} onChange={setDays} required />
        <div className="actions">
          <button type="submit" className="primary" disabled={outcome.kind === 'busy'}>
            Issue key
          </button>
        </div>
      </form>
      <OutcomeMessage outcome={outcome} />
    </Section>
  );
}

function KeyActions({ summary, onIssued, onChanged }: { summary: KeySummary; onIssued: (issued: Issued) => void; onChanged: (message: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const { outcome, run } = useAction();
  if (summary.revokedAt !== null) return null;
  const rotate = () => {
    void run(async () => {
      const rotated = await ok(api.POST('/admin/api-keys/{keyId}/rotate', { params: { path: { keyId: summary.keyId } } }));
      onIssued({ apiKey: rotated.apiKey, keyId: rotated.key.keyId, what: `The successor of ${summary.keyId}; the old key keeps working until ${formatDateTime(rotated.retiredKey.expiresAt)}.` });
      const message = `Rotated ${summary.keyId}: the new key is ${rotated.key.keyId}.`;
      onChanged(message);
      return message;
    });
  };
  const revoke = () => {
    void run(async () => {
      await ok(api.DELETE('/admin/api-keys/{keyId}', { params: { path: { keyId: summary.keyId } } }));
      setConfirming(false);
      const message = `Revoked ${summary.keyId}: it is refused from now on.`;
      onChanged(message);
      return message;
    });
  };
  return (
    <>
      <div className="actions">
        {summary.replacedBy === null ? (
          <button type="button" onClick={rotate} disabled={outcome.kind === 'busy'}>
            Rotate<span className="visually-hidden"> {summary.keyId}</span>
          </button>
        ) : null}
        {confirming ? (
          <>
            <button type="button" className="danger primary" onClick={revoke} disabled={outcome.kind === 'busy'}>
              Revoke {summary.keyId} now
            </button>
            <button type="button" onClick={() => { setConfirming(false); }}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="danger" onClick={() => { setConfirming(true); }}>
            Revoke<span className="visually-hidden"> {summary.keyId}</span>…
          </button>
        )}
      </div>
      <OutcomeMessage outcome={outcome} />
    </>
  );
}

/** Organisations' API keys: issue (the secret shown once), list, rotate and revoke. */
export function ApiKeysPage() {
  const { state, reload } = useLoad(() => ok(api.GET('/admin/api-keys')), []);
  const [issued, setIssued] = useState<Issued>();
  const [notice, setNotice] = useState<string>();
  const changed = (message: string) => {
    setNotice(message);
    reload();
  };
  const show = (next: Issued) => {
    setIssued(next);
    reload();
  };
  const now = Date.now();
  return (
    <Page title="API keys" intro="Hospitals, pharmacies and insurers call the API with a key. The gateway keeps only a hash of each key, so a key is shown once, when it is issued.">
      {issued === undefined ? null : <SecretOnce issued={issued} onDismiss={() => { setIssued(undefined); }} />}
      <CreateKey onIssued={show} />
      <Section title="Keys">
        <ResultNotice message={notice} />
        <Load state={state}>
          {({ items }) =>
            items.length === 0 ? (
              <Empty>No organisation has a key yet.</Empty>
            ) : (
              <div className="insure-table">
                <Table caption="Organisation API keys" headers={['Key', 'Organisation', 'Scopes', 'Issued', 'Expires', 'Last used', 'State', 'Actions']}>
                  {items.map((summary) => {
                    const { label, tone } = keyState(summary, now);
                    return (
                      <tr key={summary.keyId}>
                        <td>
                          <code>{summary.keyId}</code>
                        </td>
                        <td>{summary.principalId}</td>
                        <td>{summary.scopes.join(', ')}</td>
                        <td>
                          <Time iso={summary.createdAt} />
                        </td>
                        <td>
                          <Time iso={summary.expiresAt} />
                        </td>
                        <td>{summary.lastUsedAt === null ? 'never' : <Time iso={summary.lastUsedAt} />}</td>
                        <td>
                          <Badge tone={tone}>{label}</Badge>
                          {summary.revokedAt === null ? null : (
                            <>
                              {' '}
                              <Time iso={summary.revokedAt} />
                            </>
                          )}
                        </td>
                        <td>
                          <KeyActions summary={summary} onIssued={show} onChanged={changed} />
                        </td>
                      </tr>
                    );
                  })}
                </Table>
              </div>
            )
          }
        </Load>
      </Section>
    </Page>
  );
}
