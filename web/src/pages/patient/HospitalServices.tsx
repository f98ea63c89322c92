import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Badge } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { SelectField, TextAreaField, TextField } from '../../components/Fields';
import { FileDownloadButton } from '../../components/files';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { useMe } from '../../session';
import { isOpenService, serviceTone } from '../care/appointment-status';
import { ServicePicker } from '../care/ServicePicker';
import { DirectorySearch } from '../care/DirectorySearch';
import { Deadline, factNames, ServiceFacts, type FactNames } from '../care/ServiceFacts';
import { useCatalogues } from '../care/price-lists';
import { isBefore } from '../care/time-left';
import type { DirectoryEntry, ServiceRequest } from '../care/types';
import { nameOf, useDirectoryNames } from '../care/useDirectoryNames';

type Run = ReturnType<typeof useAction>['run'];
/** SERVICE_DETAILS_MAX in the contract. */
const DETAILS_MAX = 4000;

function EstimateForm({ hospital, onRequested }: { hospital: DirectoryEntry; onRequested: () => void }) {
  const [serviceCode, setServiceCode] = useState('');
  const [details, setDetails] = useState('');
  const action = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void action.run(async () => {
      if (serviceCode.trim() === '') throw new Error('Choose a service.');
      if (details.trim() === '') throw new Error('Say what you need and why; only you and whom you grant can read it.');
      await ok(api.POST('/hospital-services', { body: { hospitalId: hospital.stakeholderId, serviceCode: serviceCode.trim(), details: details.trim() } }));
      onRequested();
      return `Asked ${hospital.displayName} for an estimate; they quote within 72 hours.`;
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Ask ${hospital.displayName} for an estimate`}>
      <ServicePicker hospitalId={hospital.stakeholderId} value={serviceCode} onChange={setServiceCode} />
      <TextAreaField label="What you need and why" hint="Private: never on the public ledger, and every read is logged." value={details} onChange={setDetails} required maxLength={DETAILS_MAX} />
      <div className="actions">
        <button type="submit" className="primary">Request estimate</button>
      </div>
      <OutcomeMessage outcome={action.outcome} />
    </form>
  );
}

function PaymentForm({ request, run, reload }: { request: ServiceRequest; run: Run; reload: () => void }) {
  const [method, setMethod] = useState<'online' | 'cash'>('online');
  const [reference, setReference] = useState('');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      await ok(api.POST('/hospital-services/{requestId}/payment', { params: { path: { requestId: request.id } }, body: { method, reference: reference.trim() } }));
      reload();
      return 'Payment recorded; the hospital confirms it received the money.';
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Pay for request ${request.id}`} className="care-inline-form">
      <div className="care-slot">
        <SelectField label="Payment method" value={method} onChange={(value) => { setMethod(value === 'cash' ? 'cash' : 'online'); }} options={[{ value: 'online', label: 'Online' }, { value: 'cash', label: 'Cash at the hospital' }]} />
        <TextField label="Payment reference" hint="The transfer ID or receipt number: 3-128 letters, digits, '.', '_' or '-'" value={reference} onChange={setReference} required maxLength={128} />
      </div>
      <div className="actions">
        <button type="submit" className="primary">Record payment</button>
      </div>
    </form>
  );
}

/** REPORT_DISPUTE_REASON_MAX in the contract. */
const DISPUTE_MAX = 2000;

function ReportReview({ request, run, reload }: { request: ServiceRequest; run: Run; reload: () => void }) {
  const [reason, setReason] = useState('');
  const path = { requestId: request.id };
  const accept = () => {
    void run(async () => {
      await ok(api.POST('/hospital-services/{requestId}/report-acceptance', { params: { path } }));
      reload();
      return 'Report accepted.';
    });
  };
  const dispute = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      if (reason.trim() === '') throw new Error('Say what is wrong with the report; only you and the hospital can read it.');
      await ok(api.POST('/hospital-services/{requestId}/report-dispute', { params: { path }, body: { reason: reason.trim() } }));
      reload();
      return 'Report disputed; the hospital sees your reason.';
    });
  };
  return (
    <div className="care-inline-form">
      <p>
        Review the report by <Deadline iso={request.reportReviewDeadline} />: unreviewed, it counts as accepted afterwards.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={accept}>Accept report</button>
      </div>
      <form onSubmit={dispute} aria-label={`Dispute the report of request ${request.id}`}>
        <TextAreaField label="What is wrong with the report" hint="Private: the hospital reads it, and every read is logged." value={reason} onChange={setReason} required maxLength={DISPUTE_MAX} />
        <div className="actions">
          <button type="submit" className="danger">Dispute report</button>
        </div>
      </form>
    </div>
  );
}

type PatientStep = 'acceptance' | 'cancellation' | 'referral-acceptance' | 'referral-decline';

/** The buttons a request's status allows its patient. */
function PatientActions({ request, hospitalName, post, onReadDetails }: { request: ServiceRequest; hospitalName: string; post: (step: PatientStep, done: string) => void; onReadDetails: () => void }) {
  return (
    <div className="actions">
      {request.status === 'referred' ? (
        <>
          <button type="button" className="primary" onClick={() => { post('referral-acceptance', `Referral accepted; ${hospitalName} sees it now and quotes within 72 hours.`); }}>Accept referral</button>
          <button type="button" className="danger" onClick={() => { post('referral-decline', `Referral declined; ${hospitalName} never sees it.`); }}>Decline referral</button>
        </>
      ) : null}
      {request.status === 'quoted' && isBefore(request.acceptBy) ? (
        <button type="button" className="primary" onClick={() => { post('acceptance', 'Quote accepted; pay within 48 hours.'); }}>Accept quote</button>
      ) : null}
      <button type="button" onClick={onReadDetails}>Show details</button>
      {isOpenService(request) ? <button type="button" className="danger" onClick={() => { post('cancellation', 'Request cancelled.'); }}>Cancel request</button> : null}
    </div>
  );
}

function PatientRequest({ request, hospitalName, names, reload }: { request: ServiceRequest; hospitalName: string; names: FactNames; reload: () => void }) {
  const action = useAction();
  const [details, setDetails] = useState<string | null>();
  const path = { requestId: request.id };
  const post = (step: PatientStep, done: string) => {
    void action.run(async () => {
      await ok(api.POST(`/hospital-services/{requestId}/${step}`, { params: { path } }));
      reload();
      return done;
    });
  };
  const readDetails = () => {
    void action.run(async () => {
      const read = await ok(api.POST('/hospital-services/{requestId}/detail-reads', { params: { path } }));
      setDetails(read.details?.details ?? null);
      return 'Details shown.';
    });
  };
  const reviewing = request.status === 'reported' && request.reportReview === 'pending' && isBefore(request.reportReviewDeadline);
  return (
    <li className="care-item">
      <div className="care-item-head">
        <strong>{hospitalName}</strong>
        <Badge tone={serviceTone(request.status)}>{request.status}</Badge>
      </div>
      <ServiceFacts request={request} names={names} />
      {details === undefined ? null : <p className="care-private">Details: {details ?? 'not available on this peer'}</p>}
      <PatientActions request={request} hospitalName={hospitalName} post={post} onReadDetails={readDetails} />
      <OutcomeMessage outcome={action.outcome} />
      {request.status === 'accepted' ? <PaymentForm request={request} run={action.run} reload={reload} /> : null}
      {request.reportFileId === undefined ? null : <FileDownloadButton fileId={request.reportFileId} label="Download report" />}
      {reviewing ? <ReportReview request={request} run={action.run} reload={reload} /> : null}
    </li>
  );
}

function RequestList({ requests, reload }: { requests: readonly ServiceRequest[]; reload: () => void }) {
  const services = useCatalogues(requests.map((request) => request.hospitalId));
  const names = useDirectoryNames(requests.flatMap((request) => [request.hospitalId, ...(request.referredBy === undefined ? [] : [request.referredBy])]));
  if (requests.length === 0) return <Empty>You have no hospital service requests yet.</Empty>;
  return (
    <ul className="care-list" aria-label="Your service requests">
      {[...requests].reverse().map((request) => (
        <PatientRequest key={request.id} request={request} hospitalName={nameOf(names, request.hospitalId)} names={factNames(request, names, services)} reload={reload} />
      ))}
    </ul>
  );
}

/**
 * A patient's hospital services from estimate to report: answer a doctor's referral or ask a
 * hospital found in the directory (its price list shown), accept the quote while the price is
 * locked, pay, download the report and accept or dispute it before its review deadline.
 */
export function HospitalServicesPage() {
  const me = useMe();
  const [hospital, setHospital] = useState<DirectoryEntry>();
  const { state, reload } = useLoad(() => ok(api.GET('/patients/{patientId}/hospital-services', { params: { path: { patientId: me.stakeholderId }, query: { limit: 100 } } })), [me.stakeholderId]);
  return (
    <Page title="Hospital services" intro="Lab tests and scans from estimate to report. Times are in your time zone; each step has a deadline.">
      <Section title="Your requests">
        <Load state={state}>{(page) => <RequestList requests={page.items} reload={reload} />}</Load>
      </Section>
      <Section title="Ask a hospital for an estimate">
        <DirectorySearch roles={['hospital']} chosen={hospital} onChoose={setHospital} />
        {hospital === undefined ? null : <EstimateForm key={hospital.stakeholderId} hospital={hospital} onRequested={reload} />}
      </Section>
    </Page>
  );
}
