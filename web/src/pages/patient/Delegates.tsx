import '../../components/consent/consent.css';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { Badge, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { TextField } from '../../components/Fields';
import { useAction } from '../../components/hooks';
import { Page, Section } from '../../components/Page';
import type { Delegation } from '../../components/consent/vocabulary';
import { formatDateTime, isoToLocalInput, localInputToIso } from '../../lib/time';

const DAY_MS = 24 * 3_600_000;

const STATUS = {
  active: { tone: 'good', word: 'Active' },
  expired: { tone: 'neutral', word: 'Expired' },
  revoked: { tone: 'danger', word: 'Revoked' },
} as const satisfies Record<Delegation['effectiveStatus'], { tone: 'good' | 'neutral' | 'danger'; word: string }>;

function DelegationItem({ delegation, onChanged }: { delegation: Delegation; onChanged: (changed: Delegation) => void }) {
  const [confirming, setConfirming] = useState(false);
  const { outcome, run } = useAction();
  return (
    <li className="card-item">
      <p className="item-heading">
        <Badge tone={STATUS[delegation.effectiveStatus].tone}>{STATUS[delegation.effectiveStatus].word}</Badge> <code>{delegation.id}</code>
      </p>
      <dl className="terms">
        <dt>Delegate</dt>
        <dd>
          <code>{delegation.delegateId}</code>
        </dd>
        <dt>Window</dt>
        <dd>
          <Time iso={delegation.validFrom} /> to <Time iso={delegation.validUntil} />
        </dd>
      </dl>
      {delegation.effectiveStatus !== 'active' ? null : confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm ending the delegation to ${delegation.delegateId}`}>
          <p>End this delegation? {delegation.delegateId} can no longer act for you, at once.</p>
          <div className="actions">
            <button
              type="button"
              className="danger primary"
              onClick={() =>
                void run(async () => {
                  const revoked = await ok(api.DELETE('/delegations/{delegationId}', { params: { path: { delegationId: delegation.id } } }));
                  setConfirming(false);
                  onChanged(revoked);
                  return `Ended: ${revoked.delegateId} can no longer act for you.`;
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
          <button type="button" className="danger" onClick={() => { setConfirming(true); }}>
            End delegation
          </button>
        </div>
      )}
      <OutcomeMessage outcome={outcome} />
    </li>
  );
}

/**
 * Delegates: someone the patient trusts (registered as a patient themselves) who may manage
 * consent and see the data for them until a date. Delegations made or looked up here are listed;
 * the API has no list of a patient's delegations yet, so one made elsewhere is looked up by ID.
 */
export function DelegatesPage() {
  const [delegations, setDelegations] = useState<Delegation[]>([]);
  const [delegateId, setDelegateId] = useState('');
  const [until, setUntil] = useState(() => isoToLocalInput(new Date(Date.now() + 30 * DAY_MS).toISOString()));
  const [lookupId, setLookupId] = useState('');
  const delegate = useAction();
  const lookup = useAction();
  const keep = (delegation: Delegation) => {
    setDelegations((list) => [delegation, ...list.filter((item) => item.id !== delegation.id)]);
  };
  return (
    <Page title="Delegates" intro="Let someone you trust act for you: manage your consents and see your data, until a date you choose. You can end it at any time.">
      <Section title="Delegate someone">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void delegate.run(async () => {
              const made = await ok(api.POST('/delegations', { body: { delegateId: delegateId.trim(), validUntil: localInputToIso(until) } }));
              keep(made);
              setDelegateId('');
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
      <Section title="Your delegations">
        {delegations.length === 0 ? (
          <Empty>None shown yet: delegations you make here appear below; look up an earlier one by its ID.</Empty>
        ) : (
          <ul className="plain-list">
            {delegations.map((delegation) => (
              <DelegationItem key={delegation.id} delegation={delegation} onChanged={keep} />
            ))}
          </ul>
        )}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void lookup.run(async () => {
              const found = await ok(api.GET('/delegations/{delegationId}', { params: { path: { delegationId: lookupId.trim() } } }));
              keep(found);
              return `Found delegation ${found.id}.`;
            });
          }}
        >
          <TextField label="Delegation ID" value={lookupId} onChange={setLookupId} required />
          <div className="actions">
            <button type="submit">Look up</button>
          </div>
          <OutcomeMessage outcome={lookup.outcome} />
        </form>
      </Section>
    </Page>
  );
}
