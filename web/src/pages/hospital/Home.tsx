import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Badge } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Fields';
import { CATEGORY_OPTIONS, isCategory, type Category } from '../../components/files';
import { FileInput, headerText, UploadStatus, useUpload } from '../../components/files/upload';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { minorToMajorText, parseMajorAmount } from '../../lib/money';
import { isoToLocalInput, localInputToIso, TIME_ZONE } from '../../lib/time';
import { isOpenService, serviceTone } from '../care/appointment-status';
import { factNames, ServiceFacts, type FactNames } from '../care/ServiceFacts';
import { useCatalogues } from '../care/price-lists';
import { useDirectoryNames } from '../care/useDirectoryNames';
import { useMe } from '../../session';
import type { PriceListItem, ServiceRequest } from '../care/types';
import '../care/care.css';

type Run = ReturnType<typeof useAction>['run'];
const WEEK_MS = 7 * 24 * 3_600_000;

function QuoteForm({ request, listed, run, reload }: { request: ServiceRequest; listed: PriceListItem | undefined; run: Run; reload: () => void }) {
  // Starts at the published price: the quote is what binds, so the hospital may change it.
  const [price, setPrice] = useState(listed === undefined || listed.price === 0 ? '' : minorToMajorText(listed.price, listed.currency));
  const [currency, setCurrency] = useState(listed?.currency ?? 'EUR');
  const [validUntil, setValidUntil] = useState(() => isoToLocalInput(new Date(Date.now() + WEEK_MS).toISOString()));
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      const amount = parseMajorAmount(price, currency);
      if ('problem' in amount) throw new Error(amount.problem);
      await ok(api.POST('/hospital-services/{requestId}/quote', { params: { path: { requestId: request.id } }, body: { priceMinor: amount.minor, currency, validUntil: localInputToIso(validUntil) } }));
      reload();
      return 'Quote sent; the price is locked until it expires.';
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Quote request ${request.id}`} className="care-inline-form">
      <div className="care-slot">
        <TextField label="Price" hint="In major units, e.g. 120.50" value={price} onChange={setPrice} required />
        <TextField label="Currency" hint="ISO 4217, e.g. EUR" value={currency} onChange={(value) => { setCurrency(value.toUpperCase()); }} required maxLength={3} />
        <TextField label="Valid until" type="datetime-local" hint={`Your time zone: ${TIME_ZONE}; at most 30 days`} value={validUntil} onChange={setValidUntil} required />
      </div>
      <div className="actions">
        <button type="submit" className="primary">Send quote</button>
      </div>
    </form>
  );
}

/**
 * The report goes up under the file ID the payment planned (X-File-Id), which the request's
 * workflow grant lets this hospital write, and is then attached to the request.
 */
function ReportForm({ request, reload, onAttached }: { request: ServiceRequest; reload: () => void; onAttached: () => void }) {
  const [file, setFile] = useState<File>();
  const [category, setCategory] = useState<Category>('lab');
  const upload = useUpload();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (file === undefined || request.plannedReportFileId === undefined) return;
    const headers = { 'X-Patient-Id': request.patientId, 'X-Category': category, 'X-File-Name': headerText(file.name), 'X-File-Id': request.plannedReportFileId };
    void upload.upload('/files', file, headers, async () => {
      await ok(api.POST('/hospital-services/{requestId}/report', { params: { path: { requestId: request.id } }, body: { fileId: request.plannedReportFileId ?? '' } }));
      onAttached();
      reload();
      return `Uploaded ${file.name} and attached it as the report; the patient is told.`;
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Upload the report of request ${request.id}`} className="care-inline-form">
      <FileInput label="Report file" hint="Encrypted by the gateway before it is stored." onChange={setFile} />
      <SelectField label="Category" value={category} onChange={(value) => { if (isCategory(value)) setCategory(value); }} options={CATEGORY_OPTIONS.filter((option) => option.value === 'lab' || option.value === 'imaging' || option.value === 'clinical-note')} />
      {request.status === 'confirmed' ? (
        <div className="actions">
          <button type="submit" className="primary" disabled={file === undefined || upload.outcome.kind === 'busy'}>Upload and attach report</button>
        </div>
      ) : null}
      <UploadStatus label="Report upload progress" upload={upload} />
    </form>
  );
}

/** The buttons a request's status allows its hospital. */
function HospitalActions({ request, onConfirmPayment, onReadDispute, onReadDetails, onCancel }: { request: ServiceRequest; onConfirmPayment: () => void; onReadDispute: () => void; onReadDetails: () => void; onCancel: () => void }) {
  return (
    <div className="actions">
      {request.status === 'paid' ? <button type="button" className="primary" onClick={onConfirmPayment}>Confirm payment received</button> : null}
      {request.reportReview === 'disputed' ? <button type="button" className="primary" onClick={onReadDispute}>Read the dispute (logged)</button> : null}
      <button type="button" onClick={onReadDetails}>Read details (logged)</button>
      {isOpenService(request) ? <button type="button" className="danger" onClick={onCancel}>Cancel request</button> : null}
    </div>
  );
}

function HospitalRequest({ request, names, listed, reload }: { request: ServiceRequest; names: FactNames; listed: PriceListItem | undefined; reload: () => void }) {
  const action = useAction();
  const [details, setDetails] = useState<string | null>();
  const [dispute, setDispute] = useState<string | null>();
  // Keeps the report form (its progress and outcome) on screen after the request turns reported.
  const [attachedHere, setAttachedHere] = useState(false);
  const path = { requestId: request.id };
  const confirmPayment = () => {
    void action.run(async () => {
      await ok(api.POST('/hospital-services/{requestId}/payment-confirmation', { params: { path } }));
      reload();
      return 'Payment confirmed; upload the report when it is ready.';
    });
  };
  const cancel = () => {
    void action.run(async () => {
      await ok(api.POST('/hospital-services/{requestId}/cancellation', { params: { path } }));
      reload();
      return 'Request cancelled.';
    });
  };
  const readDetails = () => {
    void action.run(async () => {
      const read = await ok(api.POST('/hospital-services/{requestId}/detail-reads', { params: { path } }));
      setDetails(read.details?.details ?? null);
      return 'Details read; the read is in the patient’s access log.';
    });
  };
  const readDispute = () => {
    void action.run(async () => {
      const read = await ok(api.POST('/hospital-services/{requestId}/dispute-reads', { params: { path } }));
      setDispute(read.dispute?.reason ?? null);
      return 'Dispute read; the read is in the patient’s access log.';
    });
  };
  return (
    <li className="care-item">
      <div className="care-item-head">
        <strong>
          Patient <code>{request.patientId}</code>
        </strong>
        <Badge tone={serviceTone(request.status)}>{request.status}</Badge>
      </div>
      <ServiceFacts request={request} names={names} />
      {details === undefined ? null : <p className="care-private">Details: {details ?? 'not available on this peer'}</p>}
      {dispute === undefined ? null : <p className="care-private">The patient disputes the report: {dispute ?? 'the reason is not available on this peer'}</p>}
      <HospitalActions request={request} onConfirmPayment={confirmPayment} onReadDispute={readDispute} onReadDetails={readDetails} onCancel={cancel} />
      <OutcomeMessage outcome={action.outcome} />
      {request.status === 'requested' ? <QuoteForm key={listed === undefined ? 'unlisted' : 'listed'} request={request} listed={listed} run={action.run} reload={reload} /> : null}
      {request.status === 'confirmed' || attachedHere ? <ReportForm request={request} reload={reload} onAttached={() => { setAttachedHere(true); }} /> : null}
    </li>
  );
}

function RequestList({ requests, reload }: { requests: readonly ServiceRequest[]; reload: () => void }) {
  const me = useMe();
  const services = useCatalogues([me.stakeholderId]);
  const doctors = useDirectoryNames(requests.flatMap((request) => (request.referredBy === undefined ? [] : [request.referredBy])));
  return (
    <ul className="care-list" aria-label="Service requests">
      {[...requests].reverse().map((request) => (
        <HospitalRequest key={request.id} request={request} names={factNames(request, doctors, services)} listed={request.serviceCode === undefined ? undefined : services[me.stakeholderId]?.[request.serviceCode]} reload={reload} />
      ))}
    </ul>
  );
}

const STATUS_FILTERS = ['', 'requested', 'quoted', 'accepted', 'paid', 'confirmed', 'reported', 'cancelled'] as const;
// 'referred' and 'declined' never reach the hospital: it sees a referral only once the patient accepts it.

/**
 * The hospital's queue of service requests (a doctor's referral appears once the patient accepts
 * it): quote, confirm payment, upload and attach the report, read a patient's dispute of it.
 */
export function HomePage() {
  const [status, setStatus] = useState('');
  const { state, reload } = useLoad(() => ok(api.GET('/me/hospital-services', { params: { query: { limit: 100, ...(status === '' ? {} : { status: status as ServiceRequest['status'] }) } } })), [status]);
  return (
    <Page title="Service requests" intro="Patients ask for estimates; each step has a deadline. Request details are private and reading them is logged.">
      <Section title="Queue">
        <SelectField label="Show" value={status} onChange={setStatus} options={STATUS_FILTERS.map((value) => ({ value, label: value === '' ? 'All requests' : value }))} />
        <Load state={state}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>No service requests{status === '' ? '' : ` ${status}`}.</Empty>
            ) : (
              <RequestList requests={page.items} reload={reload} />
            )
          }
        </Load>
      </Section>
    </Page>
  );
}
