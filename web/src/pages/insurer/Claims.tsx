import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Fields';
import { ClaimStatusBadge, Hash, Money } from '../../components/InsuranceDisplay';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { ResultNotice } from '../../components/ResultNotice';
import { useAction, useLoad } from '../../components/hooks';
import { CLAIM_DECISION_LABELS, CLAIM_STATUS_LABELS, CLAIM_STATUSES, type ClaimDecision, type ClaimStatus, type InsuranceClaim } from '../../lib/insurance';
import { formatMoney, minorToMajorText, parseMajorAmount } from '../../lib/money';
import { allPages } from '../../lib/paging';

/** The details (what was treated) come only from the logged read, and stay on screen only until the page is left. */
function ClaimDetails({ claim }: { claim: InsuranceClaim }) {
  const [details, setDetails] = useState<string>();
  const { outcome, run } = useAction();
  const read = () => {
    void run(async () => {
      const answer = await ok(api.POST('/insurance/claims/{claimId}/reads', { params: { path: { claimId: claim.id } } }));
      setDetails(answer.details);
      return 'Details read. This read is written to the patient’s access log.';
    });
  };
  return (
    <div>
      <button type="button" onClick={read} disabled={outcome.kind === 'busy'}>
        Read the details of {claim.id}
      </button>
      <OutcomeMessage outcome={outcome} />
      {details === undefined ? null : (
        <>
          <h4>What was treated</h4>
          <p className="claim-details">{details}</p>
        </>
      )}
    </div>
  );
}

/** The amount the decision approves, in minor units: all of it, none, or what the insurer typed. */
function approvedMinor(claim: InsuranceClaim, decision: ClaimDecision, typed: string): number {
  if (decision === 'approved') return claim.amountMinor;
  if (decision === 'denied') return 0;
  const parsed = parseMajorAmount(typed, claim.currency);
  if ('problem' in parsed) throw new Error(`Approved amount: ${parsed.problem}`);
  if (parsed.minor >= claim.amountMinor) throw new Error(`Approved amount: a partial approval is less than the ${formatMoney(claim.amountMinor, claim.currency)} claimed; choose "Approve the full amount" instead.`);
  return parsed.minor;
}

function DecideForm({ claim, onDone }: { claim: InsuranceClaim; onDone: (message: string) => void }) {
  const [decision, setDecision] = useState<ClaimDecision>('approved');
  const [amount, setAmount] = useState(() => minorToMajorText(claim.amountMinor, claim.currency));
  const { outcome, run } = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      const decided = await ok(api.POST('/insurance/claims/{claimId}/decision', { params: { path: { claimId: claim.id } }, body: { decision, approvedAmountMinor: approvedMinor(claim, decision, amount) } }));
      const message = `${claim.id}: ${CLAIM_STATUS_LABELS[decided.status].label.toLowerCase()}, ${formatMoney(decided.approvedAmountMinor ?? 0, decided.currency)} approved.`;
      onDone(message);
      return message;
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Decide ${claim.id}`}>
      <SelectField label="Decision" value={decision} onChange={(value) => { setDecision(value as ClaimDecision); }} options={(Object.keys(CLAIM_DECISION_LABELS) as ClaimDecision[]).map((value) => ({ value, label: CLAIM_DECISION_LABELS[value] }))} />
      {decision === 'partially-approved' ? <TextField label={`Approved amount (${claim.currency})`} hint="In major units, less than the amount claimed" value={amount} onChange={setAmount} required /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={outcome.kind === 'busy'}>
          Record decision
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

function PaymentForm({ claim, onDone }: { claim: InsuranceClaim; onDone: (message: string) => void }) {
  const [reference, setReference] = useState('');
  const { outcome, run } = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      const paid = await ok(api.POST('/insurance/claims/{claimId}/payment', { params: { path: { claimId: claim.id } }, body: { paymentRef: reference.trim() } }));
      const message = `${claim.id} is paid (${paid.paymentRef ?? reference}).`;
      onDone(message);
      return message;
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Record the payment of ${claim.id}`}>
      <TextField label="Payment reference" hint="Your transfer's reference: letters, digits or . _ : / - (up to 128)" value={reference} onChange={setReference} maxLength={128} required />
      <div className="actions">
        <button type="submit" className="primary" disabled={outcome.kind === 'busy'}>
          Record payment of {formatMoney(claim.approvedAmountMinor ?? 0, claim.currency)}
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

function ClaimCard({ claim, onDone }: { claim: InsuranceClaim; onDone: (message: string) => void }) {
  const payable = claim.status === 'approved' || claim.status === 'partially-approved';
  return (
    <article className="item-card" aria-labelledby={`claim-${claim.id}`}>
      <h3 id={`claim-${claim.id}`}>
        Claim {claim.id} <ClaimStatusBadge status={claim.status} />
      </h3>
      <dl className="facts">
        <dt>Policy</dt>
        <dd>{claim.policyId}</dd>
        <dt>Patient</dt>
        <dd>{claim.patientId}</dd>
        <dt>Submitted by</dt>
        <dd>
          {claim.submitterRole} {claim.submittedBy}, <Time iso={claim.submittedAt} />
        </dd>
        <dt>Amount claimed</dt>
        <dd>
          <Money minor={claim.amountMinor} currency={claim.currency} />
        </dd>
        <dt>Invoice SHA-256</dt>
        <dd>
          <Hash value={claim.invoiceSha256} />
        </dd>
        {claim.approvedAmountMinor === undefined ? null : (
          <>
            <dt>Approved</dt>
            <dd>
              <Money minor={claim.approvedAmountMinor} currency={claim.currency} />, <Time iso={claim.decidedAt} />
            </dd>
          </>
        )}
        {claim.paymentRef === undefined ? null : (
          <>
            <dt>Paid</dt>
            <dd>
              {claim.paymentRef}, <Time iso={claim.paidAt} />
            </dd>
          </>
        )}
      </dl>
      {claim.status === 'submitted' || payable ? <ClaimDetails claim={claim} /> : null}
      {claim.status === 'submitted' ? <DecideForm claim={claim} onDone={onDone} /> : null}
      {payable ? <PaymentForm claim={claim} onDone={onDone} /> : null}
    </article>
  );
}

/** Claims against the insurer's policies: read what was treated (a logged read), decide, record the payment. */
export function ClaimsPage() {
  const [status, setStatus] = useState<ClaimStatus>('submitted');
  const [notice, setNotice] = useState<string>();
  const { state, reload } = useLoad(() => allPages((cursor) => ok(api.GET('/me/insurance/claims', { params: { query: { status, limit: 100, cursor } } }))), [status]);
  const done = (message: string) => {
    setNotice(message);
    reload();
  };
  return (
    <Page title="Claims" intro="Reading a claim's details is written to the patient's access log; the details are never stored in this browser.">
      <Section title="Claims queue">
        <SelectField label="Show claims that are" value={status} onChange={(value) => { setStatus(value as ClaimStatus); }} options={CLAIM_STATUSES.map((value) => ({ value, label: CLAIM_STATUS_LABELS[value].label }))} />
        <ResultNotice message={notice} />
        <Load state={state}>
          {({ items }) =>
            items.length === 0 ? (
              <Empty>No claims are {CLAIM_STATUS_LABELS[status].label.toLowerCase()}.</Empty>
            ) : (
              <div className="stack">
                {items.map((claim) => (
                  <ClaimCard key={claim.id} claim={claim} onDone={done} />
                ))}
              </div>
            )
          }
        </Load>
      </Section>
    </Page>
  );
}
