import '../../components/consent/consent.css';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { Badge, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { TextField } from '../../components/Fields';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { allPages } from '../../lib/paging';
import { Page, Section } from '../../components/Page';
import type { Delegation } from '../../components/consent/vocabulary';
import { formatDateTime, isoToLocalInput, localInputToIso } from '../../lib/time';

const DAY_MS = 24 * 3_600_000;

const STATUS = {
  active: { tone: 'good', word: 'Active' },
  expired: { tone: 'neutral', word: 'Expired' },
  revoked: { tone: 'danger', word: 'Revoked' },
} as const satisfies Record<Delegation['effectiveStatus'], { tone: 'good' | 'neutral' | 'danger'; word: string }>;

function DelegationItem({ delegation, onChanged, held }: { delegation: Delegation; onChanged: (changed: Delegation) => void; held: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const { outcome, run } = useAction();
  const other = held ? delegation.patientId : delegation.delegateId;
  return (
    <li className="card-item">
      <p className="item-heading">
        <Badge tone={STATUS[delegation.effectiveStatus].tone}>{STATUS[delegation.effectiveStatus].word}</Badge> <code>{delegation.id}</code>
      </p>
      <dl className="terms">
        <dt>{held ? 'You act for' : 'Delegate'}</dt>
        <dd>
          <code>{held ? delegation.patientId : delegation.delegateId}</code>
        </dd>
        <dt>Window</dt>
        <dd>
          <Time iso={delegation.validFrom} /> to <Time iso={delegation.validUntil} />
        </dd>
      </dl>
      {delegation.effectiveStatus !== 'active' ? null : confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm ending the delegation with ${other}`}>
          <p>End this delegation? {held ? `You can no longer act for ${other}` : `${other} can no longer act for you`}, at once.</p>
          <div className="actions">
            <button
              type="button"
              className="danger primary"
              onClick={() =>
                void run(async () => {
                  const revoked = await ok(api.DELETE('/delegations/{delegationId}', { params: { path: { delegationId: delegation.id } } }));
                  setConfirming(false);
                  onChanged(revoked);
                  return held ? `Ended: you no longer act for ${revoked.patientId}.` : `Ended: ${revoked.delegateId} can no longer act for you.`;
                })
              }
            >
              Yes, end it
            </button>
            <button type="button" onClick={() => { setConfirming(false); }}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="danger" aria-label={`End the delegation with ${other}`} onClick={() => { setConfirming(true); }}>
            End delegation
          </button>
        </div>
      )}
      {/* A success is announced once, by the page, which lists the item anew. */}
      {outcome.kind === 'done' ? null : <OutcomeMessage outcome={outcome} />}
    </li>
  );
}

function DelegationList({ path, empty, onChanged }: { path: '/me/delegations' | '/me/delegations/held'; empty: string; onChanged: (changed: Delegation) => void }) {
  const { state } = useLoad(async () => (await allPages((cursor) => ok(api.GET(path, { params: { query: { limit: 100, ...(cursor === undefined ? {} : { cursor }) } } })))).items.reverse(), [path]);
  return (
    <Load state={state}>
      {(delegations) =>
        delegations.length === 0 ? (
          <Empty>{empty}</Empty>
        ) : (
          <ul className="plain-list">
            {delegations.map((delegation) => (
              <DelegationItem key={delegation.id} delegation={delegation} onChanged={onChanged} held={path === '/me/delegations/held'} />
            ))}
          </ul>
        )
      }
    </Load>
  );
}

/**
 * Delegates: someone the patient trusts (registered as a patient themselves) who may manage
 * consent and see the data for them until a date; and the people the patient acts for.
 */
export function DelegatesPage() {
  const [delegateId, setDelegateId] = useState('');
  const [until, setUntil] = useState(() => isoToLocalInput(new Date(Date.now() + 30 * DAY_MS).toISOString()));
  const [changed, setChanged] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const delegate = useAction();
  const ended = (item: Delegation) => {
    setChanged(`${item.id}-${item.effectiveStatus}`);
    setNotice(`Ended the delegation ${item.id}: ${item.delegateId} no longer acts for ${item.patientId}.`);
  };
  return (
    <Page title="Delegates" intro="Let someone you trust act for you: manage your consents and see your data, until a date you choose. You can end it at any time.">
      <Section title="Delegate someone">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void delegate.run(async () => {
              const made = await ok(api.POST('/delegations', { body: { delegateId: delegateId.trim(), validUntil: localInputToIso(until) } }));
              setDelegateId('');
              setChanged(made.id);
              return `${made.delegateId} may act for you until ${formatDateTime(made.validUntil)} (${made.id}).`;
            });
          }}
        >
          <TextField label="Their ID" hint="They sign in to MedLedger as a patient and give you their ID (pat-…)" value={delegateId} onChange={setDelegateId} required />
          <TextField label="Until" type="datetime-local" hint="At most 365 days ahead" value={until} onChange={setUntil} required />
          <div className="actions">
            <button type="submit" className="primary">
              Delegate
            </button>
          </div>
          <OutcomeMessage outcome={delegate.outcome} />
        </form>
      </Section>
      {notice === undefined ? null : (
        <p className="message success" role="status">
          {notice}
        </p>
      )}
      <Section title="People who may act for you">
        <DelegationList key={`given-${changed ?? ''}`} path="/me/delegations" empty="You have not delegated anyone." onChanged={ended} />
      </Section>
      <Section title="People you act for">
        <DelegationList key={`held-${changed ?? ''}`} path="/me/delegations/held" empty="No one has made you their delegate." onChanged={ended} />
      </Section>
    </Page>
  );
}
