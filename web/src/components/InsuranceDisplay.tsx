import './insurance.css';
import { formatMoney } from '../lib/money';
import { APPLICATION_STATUS_LABELS, CLAIM_STATUS_LABELS, COVERAGE_CATEGORY_LABELS, shortHash, type ApplicationStatus, type ClaimStatus, type Coverage } from '../lib/insurance';
import { Badge } from './Display';

/** An amount of money in minor units, read in the reader's language with its currency. */
export function Money({ minor, currency }: { minor: number; currency: string }) {
  return <span className="money">{formatMoney(minor, currency)}</span>;
}

/** A SHA-256 shown short, with the full value for assistive technology and copying. */
export function Hash({ value }: { value: string }) {
  return (
    <code title={value}>
      <span aria-hidden="true">{shortHash(value)}</span>
      <span className="visually-hidden">{value}</span>
    </code>
  );
}

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const { label, tone } = APPLICATION_STATUS_LABELS[status];
  return <Badge tone={tone}>{label}</Badge>;
}

export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  const { label, tone } = CLAIM_STATUS_LABELS[status];
  return <Badge tone={tone}>{label}</Badge>;
}

/** A package's or policy's structured coverage as a definition list. */
export function CoverageSummary({ coverage, currency }: { coverage: Coverage; currency: string }) {
  return (
    <dl className="facts">
      <dt>Covers</dt>
      <dd>{coverage.categories.map((category) => COVERAGE_CATEGORY_LABELS[category]).join(', ')}</dd>
      <dt>Yearly limit</dt>
      <dd>
        <Money minor={coverage.annualLimitMinor} currency={currency} />
      </dd>
      <dt>Policy runs</dt>
      <dd>{coverage.coveragePeriodDays} days</dd>
      <dt>Your share of a claim</dt>
      <dd>{coverage.copayPercent === undefined ? 'none' : `${coverage.copayPercent}%`}</dd>
      <dt>Waiting period</dt>
      <dd>{coverage.waitingPeriodDays === undefined || coverage.waitingPeriodDays === 0 ? 'none' : `${coverage.waitingPeriodDays} days`}</dd>
    </dl>
  );
}
