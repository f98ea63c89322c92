import { Time } from '../../components/Display';
import { formatMoney } from '../../lib/money';
import { timeLeft } from './time-left';
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

/** What both sides of a service request read: the price, the deadline that matters now, the payment. */
export function ServiceFacts({ request }: { request: ServiceRequest }) {
  return (
    <dl className="care-facts">
      <dt>Service</dt>
      <dd>
        <code>{request.serviceCode}</code>
      </dd>
      <dt>Requested</dt>
      <dd>
        <Time iso={request.requestedAt} />
      </dd>
      {request.status === 'requested' ? (
        <>
          <dt>Quote due</dt>
          <dd>
            <Deadline iso={request.quoteBy} />
          </dd>
        </>
      ) : null}
      {request.priceMinor === undefined || request.currency === undefined ? null : (
        <>
          <dt>Price</dt>
          <dd>{formatMoney(request.priceMinor, request.currency)}</dd>
        </>
      )}
      {request.status === 'quoted' ? (
        <>
          <dt>Quote valid until</dt>
          <dd>
            <Deadline iso={request.acceptBy} />
          </dd>
        </>
      ) : null}
      {request.status === 'accepted' ? (
        <>
          <dt>Pay by</dt>
          <dd>
            <Deadline iso={request.payBy} />
          </dd>
        </>
      ) : null}
      {request.paymentMethod === undefined ? null : (
        <>
          <dt>Payment</dt>
          <dd>
            {request.paymentMethod}, reference <code>{request.paymentRef}</code>
          </dd>
        </>
      )}
      {request.status === 'confirmed' ? (
        <>
          <dt>Report due</dt>
          <dd>
            <Deadline iso={request.reportBy} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}
