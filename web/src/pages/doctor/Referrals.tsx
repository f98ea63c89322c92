import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Badge, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { SelectField, TextAreaField } from '../../components/Fields';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { serviceTone } from '../care/appointment-status';
import { DirectorySearch } from '../care/DirectorySearch';
import { ServicePicker } from '../care/ServicePicker';
import { useCatalogues } from '../care/price-lists';
import type { DirectoryEntry, ServiceRequest } from '../care/types';
import { nameOf, useDirectoryNames } from '../care/useDirectoryNames';
import '../care/care.css';

/** SERVICE_DETAILS_MAX in the contract. */
const DETAILS_MAX = 4000;

/** The patients who have an active grant to this doctor (GET /me/consents), each once. */
async function loadGrantingPatients(): Promise<string[]> {
  const page = await ok(api.GET('/me/consents', { params: { query: { limit: 100 } } }));
  return [...new Set(page.items.filter((grant) => grant.effectiveStatus === 'active').map((grant) => grant.patientId))].sort();
}

function ReferralForm({ patients, onReferred }: { patients: readonly string[]; onReferred: () => void }) {
  const [patientId, setPatientId] = useState(patients[0] ?? '');
  const [hospital, setHospital] = useState<DirectoryEntry>();
  const [serviceCode, setServiceCode] = useState('');
  const [details, setDetails] = useState('');
  const action = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void action.run(async () => {
      if (hospital === undefined) throw new Error('Choose a hospital first.');
      if (details.trim() === '') throw new Error('Give the clinical details; only the patient and, once the patient accepts, the hospital can read them.');
      await ok(api.POST('/referrals', { body: { patientId, hospitalId: hospital.stakeholderId, ...(serviceCode.trim() === '' ? {} : { serviceCode: serviceCode.trim() }), details: details.trim() } }));
      setDetails('');
      onReferred();
      return `Referred ${patientId} to ${hospital.displayName}; the patient accepts or declines, and the hospital sees it only once accepted.`;
    });
  };
  return (
    <>
      <SelectField label="Patient" hint="Patients who granted you access; a referral needs their grant to edit their service requests (billing)." value={patientId} onChange={setPatientId} options={patients.map((id) => ({ value: id, label: id }))} required />
      <h3>Hospital</h3>
      <DirectorySearch roles={['hospital']} chosen={hospital} onChoose={(entry) => { setHospital(entry); setServiceCode(''); }} />
      {hospital === undefined ? null : (
        <form onSubmit={submit} aria-label={`Refer to ${hospital.displayName}`} className="care-inline-form">
          <p>
            Referring to <strong>{hospital.displayName}</strong>
          </p>
          <ServicePicker key={hospital.stakeholderId} hospitalId={hospital.stakeholderId} value={serviceCode} onChange={setServiceCode} optional />
          <TextAreaField label="Clinical details" hint="Private: never on the public ledger; every read is logged." value={details} onChange={setDetails} required maxLength={DETAILS_MAX} />
          <div className="actions">
            <button type="submit" className="primary">Refer patient</button>
          </div>
        </form>
      )}
      <OutcomeMessage outcome={action.outcome} />
    </>
  );
}

function ReferralList({ referrals }: { referrals: readonly ServiceRequest[] }) {
  const names = useDirectoryNames(referrals.map((referral) => referral.hospitalId));
  const services = useCatalogues(referrals.map((referral) => referral.hospitalId));
  if (referrals.length === 0) return <Empty>You have referred nobody yet.</Empty>;
  return (
    <ul className="care-list" aria-label="Your referrals">
      {[...referrals].reverse().map((referral) => (
        <li key={referral.id} className="care-item">
          <div className="care-item-head">
            <strong>
              <code>{referral.patientId}</code> to {nameOf(names, referral.hospitalId)}
            </strong>
            <Badge tone={serviceTone(referral.status)}>{referral.status}</Badge>
          </div>
          <p className="care-muted">
            {referral.serviceCode === undefined ? 'Service left to the hospital' : <>{services[referral.hospitalId]?.[referral.serviceCode]?.name ?? null} <code>{referral.serviceCode}</code></>} · referred <Time iso={referral.requestedAt} />
            {referral.reportReview === undefined ? null : ` · report ${referral.reportReview}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** A doctor refers patients who granted access to a hospital's service, and follows what became of each referral. */
export function ReferralsPage() {
  const patients = useLoad(loadGrantingPatients, []);
  const referrals = useLoad(() => ok(api.GET('/me/referrals', { params: { query: { limit: 100 } } })), []);
  return (
    <Page title="Referrals" intro="Refer a patient to a hospital service; the patient decides, and the hospital sees the referral only once the patient accepts.">
      <Section title="Refer a patient">
        <Load state={patients.state}>{(ids) => (ids.length === 0 ? <Empty>No patient has granted you access yet.</Empty> : <ReferralForm patients={ids} onReferred={referrals.reload} />)}</Load>
      </Section>
      <Section title="Your referrals">
        <Load state={referrals.state}>{(page) => <ReferralList referrals={page.items} />}</Load>
      </Section>
    </Page>
  );
}
