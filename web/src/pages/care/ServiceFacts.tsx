import type { ReactNode } from 'react';
import { Badge, Time } from '../../components/Display';
import { formatMoney } from '../../lib/money';
import { reviewTone } from './appointment-status';
import { timeLeft } from './time-left';
import type { Catalogues } from './price-lists';
import type { ServiceRequest } from './types';

/** A deadline in the reader's time zone and how long is left. */
export function Deadline({ iso }: { iso: string | undefined }) {
  if (iso === undefined) return <span>—</span>;
  return (
    <>
      <Time iso={iso} /> <span className="care-muted">({timeLeft(iso)})</span>
    </>
  );
}

/** The deadline of the step a request waits for, with its label; undefined when none is running. */
const NEXT_DEADLINE: Partial<Record<ServiceRequest['status'], { label: string; of: (request: ServiceRequest) => string | undefined }>> = {
  requested: { label: 'Quote due', of: (request) => request.quoteBy },
  quoted: { label: 'Quote valid until', of: (request) => request.acceptBy },
  accepted: { label: 'Pay by', of: (request) => request.payBy },
  paid: { label: 'Confirmation due', of: (request) => request.confirmBy },
  confirmed: { label: 'Report due', of: (request) => request.reportBy },
};

/** What the reader knows by name: the service (from the price list) and the referring doctor (from the directory). */
export interface FactNames {
  service?: string | undefined;
  referrer?: string | undefined;
}

/** render(value), or undefined when there is no value: a fact the request does not have yet. */
function given<T>(value: T | undefined, render: (value: T) => ReactNode): ReactNode {
  return value === undefined ? undefined : render(value);
}

/** The facts a request has so far, as label and value; the ones it lacks are left out. */
function factsOf(request: ServiceRequest, names: FactNames): [string, ReactNode][] {
  const next = NEXT_DEADLINE[request.status];
  const review = request.reportReview ?? 'pending';
  const facts: [string, ReactNode][] = [
    ['Service', given(request.serviceCode, (code) => <>{names.service === undefined ? null : `${names.service} `}<code>{code}</code></>) ?? 'left to the hospital'],
    ['Referred by', given(request.referredBy, (doctor) => names.referrer ?? <code>{doctor}</code>)],
    ['Requested', <Time iso={request.requestedAt} />],
    ['Price', given(request.priceMinor, (minor) => formatMoney(minor, request.currency ?? ''))],
    [next?.label ?? '', given(next, (deadline) => <Deadline iso={deadline.of(request)} />)],
    ['Payment', given(request.paymentMethod, (method) => <>{method}, reference <code>{request.paymentRef}</code></>)],
    ['Report review', given(request.reportReviewDeadline, () => <Badge tone={reviewTone(review)}>{review}</Badge>)],
    ['Review deadline', review === 'pending' ? given(request.reportReviewDeadline, (deadline) => <Deadline iso={deadline} />) : undefined],
  ];
  return facts.filter(([, value]) => value !== undefined);
}

/** What both sides of a service request read: the service, the price, the deadline that matters now, the payment, the report's review. */
export function ServiceFacts({ request, names = {} }: { request: ServiceRequest; names?: FactNames }) {
  return (
    <dl className="care-facts">
      {factsOf(request, names).map(([label, value]) => (
        <div key={label} className="care-fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The names a request's facts show, from the directory's names and the hospitals' price lists. */
export function factNames(request: ServiceRequest, people: Readonly<Record<string, string>>, catalogues: Catalogues): FactNames {
  return {
    service: request.serviceCode === undefined ? undefined : catalogues[request.hospitalId]?.[request.serviceCode]?.name,
    referrer: request.referredBy === undefined ? undefined : people[request.referredBy],
  };
}
