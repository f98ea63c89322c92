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
import { serviceTone } from '../care/appointment-status';
import { DirectorySearch } from '../care/DirectorySearch';
import { ServiceFacts } from '../care/ServiceFacts';
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
      if (details.trim() === '') throw new Error('Say what you need and why; only you and whom you grant can read it.');
      await ok(api.POST('/hospital-services', { body: { hospitalId: hospital.stakeholderId, serviceCode: serviceCode.trim(), details: details.trim() } }));
      onRequested();
      return `Asked ${hospital.displayName} for an estimate; they quote within 72 hours.`;
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Ask ${hospital.displayName} for an estimate`}>
      <TextField label="Service code" hint="The hospital's catalogue code, e.g. LAB-CBC" value={serviceCode} onChange={setServiceCode} required maxLength={64} />
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

function PatientRequest({ request, hospitalName, reload }: { request: ServiceRequest; hospitalName: string; reload: () => void }) {
  const action = useAction();
  const [details, setDetails] = useState<string | null>();
  const path = { requestId: request.id };
  const post = (step: 'acceptance' | 'cancellation', done: string) => {
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
  const open = request.status !== 'reported' && request.status !== 'cancelled';
  return (
    <li className="care-item">
      <div className="care-item-head">
        <strong>{hospitalName}</strong>
        <Badge tone={serviceTone(request.status)}>{request.status}</Badge>
      </div>
      <ServiceFacts request={request} />
      {details === undefined ? null : <p className="care-private">Details: {details ?? 'not available on this peer'}</p>}
      <div className="actions">
        {request.status === 'quoted' && isBefore(request.acceptBy) ? (
          <button type="button" className="primary" onClick={() => { post('acceptance', 'Quote accepted; pay within 48 hours.'); }}>Accept quote</button>
        ) : null}
        <button type="button" onClick={readDetails}>Show details</button>
        {open ? <button type="button" className="danger" onClick={() => { post('cancellation', 'Request cancelled.'); }}>Cancel request</button> : null}
      </div>
      <OutcomeMessage outcome={action.outcome} />
      {request.status === 'accepted' ? <PaymentForm request={request} run={action.run} reload={reload} /> : null}
      {request.reportFileId === undefined ? null : <FileDownloadButton fileId={request.reportFileId} label="Download report" />}
    </li>
  );
}

function RequestList({ requests, reload }: { requests: readonly ServiceRequest[]; reload: () => void }) {
  const names = useDirectoryNames(requests.map((request) => request.hospitalId));
  if (requests.length === 0) return <Empty>You have no hospital service requests yet.</Empty>;
  return (
    <ul className="care-list" aria-label="Your service requests">
      {[...requests].reverse().map((request) => (
        <PatientRequest key={request.id} request={request} hospitalName={nameOf(names, request.hospitalId)} reload={reload} />
      ))}
    </ul>
  );
}

/**
 * A patient's hospital services from estimate to report: ask a hospital found in the directory,
 * accept its quote while the price is locked, pay, and download the report.
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
