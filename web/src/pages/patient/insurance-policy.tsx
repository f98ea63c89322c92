import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Badge, Table, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { TextAreaField, TextField } from '../../components/Fields';
import { ClaimStatusBadge, CoverageSummary, Money } from '../../components/InsuranceDisplay';
import { Load } from '../../components/Load';
import { useAction, useLoad } from '../../components/hooks';
import type { InsuranceClaim, InsurancePolicy } from '../../lib/insurance';
import { parseMajorAmount } from '../../lib/money';
import { allPages } from '../../lib/paging';
import { sha256Hex } from '../../lib/sha256';

/** What the claim came to: the decision, the amount approved, the payment. */
function Outcome({ claim }: { claim: InsuranceClaim }) {
  if (claim.status === 'submitted') return <>Waiting for the insurer</>;
  if (claim.status === 'denied') return <>Denied</>;
  return (
    <>
      <Money minor={claim.approvedAmountMinor ?? 0} currency={claim.currency} /> approved
      {claim.paymentRef === undefined ? null : (
        <>
          , paid <Time iso={claim.paidAt} /> (reference {claim.paymentRef})
        </>
      )}
    </>
  );
}

/**
 * A claim is submitted by the policy holder (or a hospital with the patient's billing grant). The
 * invoice is identified by its SHA-256, computed here; what was treated travels to the ledger's
 * private data only, never onto the public claim.
 */
function SubmitClaim({ policy, onSubmitted }: { policy: InsurancePolicy; onSubmitted: () => void }) {
  const [invoice, setInvoice] = useState('');
  const [amount, setAmount] = useState('');
  const [details, setDetails] = useState('');
  const { outcome, run } = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      if (invoice.trim() === '') throw new Error('Invoice number: type the number on the invoice.');
      const parsed = parseMajorAmount(amount, policy.currency);
      if ('problem' in parsed) throw new Error(`Amount: ${parsed.problem}`);
      const claim = await ok(api.POST('/insurance/claims', { body: { policyId: policy.id, invoiceSha256: await sha256Hex(invoice.trim()), amountMinor: parsed.minor, details: details.trim() } }));
      setInvoice('');
      setAmount('');
      setDetails('');
      onSubmitted();
      return `Claim ${claim.id} submitted. The insurer may view it to decide, until it is denied or paid.`;
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Submit a claim against ${policy.id}`}>
      <TextField label="Invoice number" hint="Only its SHA-256, computed in your browser, is recorded" value={invoice} onChange={setInvoice} maxLength={200} required />
      <TextField label={`Amount (${policy.currency})`} hint="In major units, e.g. 800.00" value={amount} onChange={setAmount} required />
      <TextAreaField label="What was treated" hint="Private: only the insurer deciding the claim may read it, and each read is logged" value={details} onChange={setDetails} maxLength={4000} required />
      <div className="actions">
        <button type="submit" className="primary" disabled={outcome.kind === 'busy'}>
          Submit claim
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

/** A policy: its coverage, its claims with their outcomes, and the way to claim. */
export function PolicyCard({ policy }: { policy: InsurancePolicy }) {
  const { state, reload } = useLoad(() => allPages((cursor) => ok(api.GET('/insurance/policies/{policyId}/claims', { params: { path: { policyId: policy.id }, query: { limit: 100, cursor } } }))), [policy.id]);
  const [claiming, setClaiming] = useState(false);
  return (
    <article className="package" aria-labelledby={`policy-${policy.id}`}>
      <h3 id={`policy-${policy.id}`}>
        Policy {policy.id} <span className="muted">{policy.packageId}, version {policy.packageVersion}</span>
      </h3>
      <p>
        <Badge tone="good">{policy.status}</Badge> from <Time iso={policy.coverageStart} /> until <Time iso={policy.coverageEnd} />, <Money minor={policy.priceMinor} currency={policy.currency} />
      </p>
      <CoverageSummary coverage={policy.coverage} currency={policy.currency} />
      <h4>Claims</h4>
      <Load state={state}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No claims against this policy.</Empty>
          ) : (
            <Table caption={`Claims against ${policy.id}`} headers={['Claim', 'Submitted', 'Amount', 'Status', 'Outcome']}>
              {items.map((claim) => (
                <tr key={claim.id}>
                  <td>{claim.id}</td>
                  <td>
                    <Time iso={claim.submittedAt} />
                  </td>
                  <td>
                    <Money minor={claim.amountMinor} currency={claim.currency} />
                  </td>
                  <td>
                    <ClaimStatusBadge status={claim.status} />
                  </td>
                  <td>
                    <Outcome claim={claim} />
                  </td>
                </tr>
              ))}
            </Table>
          )
        }
      </Load>
      <button type="button" aria-expanded={claiming} onClick={() => { setClaiming(!claiming); }}>
        {claiming ? 'Close the claim form' : `Start a claim against ${policy.id}`}
      </button>
      {claiming ? <SubmitClaim policy={policy} onSubmitted={reload} /> : null}
    </article>
  );
}
