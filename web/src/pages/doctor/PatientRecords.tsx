import '../../components/consent/consent.css';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { Empty } from '../../components/Feedback';
import { SelectField } from '../../components/Fields';
import { useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { FileDownloadButton, FileList, FileUploadForm } from '../../components/files';
import { GrantTerms } from '../../components/consent/GrantTerms';
import { categoriesOf, isPurpose, PURPOSE_OPTIONS, recordIdsOf, type Grant, type Purpose } from '../../components/consent/vocabulary';
import { allPages } from '../../lib/paging';
import { Link, navigate, useRoute } from '../../router';
import { NoteForm } from './records/NoteForm';
import { PrescriptionsRead } from './records/PrescriptionsRead';

const IN_FORCE: readonly Grant['effectiveStatus'][] = ['active', 'not-yet-valid'];

function PatientPicker({ grants, patientId }: { grants: readonly Grant[]; patientId: string }) {
  const patients = [...new Set(grants.map((grant) => grant.patientId))];
  if (patientId !== '' && !patients.includes(patientId)) patients.unshift(patientId);
  return (
    <SelectField
      label="Patient"
      hint="The patients whose consent you hold now"
      value={patientId}
      options={[{ value: '', label: patients.length === 0 ? 'No patient has given you access' : 'Choose a patient…' }, ...patients.map((id) => ({ value: id, label: id }))]}
      onChange={(chosen) => {
        navigate('/patient-records', chosen === '' ? {} : { patient: chosen });
      }}
    />
  );
}

function PatientFiles({ patientId, grants }: { patientId: string; grants: readonly Grant[] }) {
  const [purpose, setPurpose] = useState<Purpose>(grants[0]?.purpose ?? 'TREAT');
  const [added, setAdded] = useState(0);
  const mayEdit = grants.some((grant) => grant.actions.includes('edit'));
  // Only a grant naming prescriptions (or records) can let the list in; otherwise the read is only a refusal to log.
  const coversPrescriptions = grants.some((grant) => grant.actions.includes('view') && (categoriesOf(grant.scope).includes('prescription') || recordIdsOf(grant.scope).length > 0));
  return (
    <>
      <Section title="What your consents cover">
        {grants.length === 0 ? (
          <Empty>
            You hold no consent of this patient now: reads will be refused. <Link to="/access-requests" query={{ patient: patientId }}>Ask for access</Link>.
          </Empty>
        ) : (
          <ul className="plain-list">
            {grants.map((grant) => (
              <li key={grant.id} className="card-item">
                <GrantTerms grant={grant} show="patient" />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Files you may read">
        <SelectField
          label="Purpose of use"
          hint="Stated with every read and written to the patient’s access log; a consent covers only its own purpose."
          value={purpose}
          options={PURPOSE_OPTIONS}
          onChange={(chosen) => {
            if (isPurpose(chosen)) setPurpose(chosen);
          }}
        />
        <p className="hint">Every list and download here is recorded in the patient’s accounting of disclosures.</p>
        <FileList patientId={patientId} purpose={purpose} reloadKey={added} caption={`Files of patient ${patientId} you may read`} actions={(view) => <FileDownloadButton fileId={view.file.fileId} purpose={purpose} logged label="Read" />} />
      </Section>
      {coversPrescriptions ? (
        <Section title="Prescriptions you may read">
          <PrescriptionsRead patientId={patientId} purpose={purpose} />
        </Section>
      ) : null}
      <Section title="Add to the record">
        <p className="hint">{mayEdit ? 'Your consent lets you add to some categories; the ledger checks each upload.' : 'Adding needs the patient’s consent to add and change (edit): without it the upload is refused.'}</p>
        <h3>Write a note</h3>
        <NoteForm patientId={patientId} onSaved={() => { setAdded((count) => count + 1); }} />
        <h3>Upload a file</h3>
        <FileUploadForm patientId={patientId} onUploaded={() => { setAdded((count) => count + 1); }} />
      </Section>
    </>
  );
}

/** A patient's records as the doctor may see them under consent, and adding to them. */
export function PatientRecordsPage() {
  const route = useRoute();
  const patientId = route.query.get('patient') ?? '';
  const { state } = useLoad(async () => (await allPages((cursor) => ok(api.GET('/me/consents', { params: { query: { limit: 100, ...(cursor === undefined ? {} : { cursor }) } } })))).items.filter((grant) => IN_FORCE.includes(grant.effectiveStatus)), []);
  return (
    <Page title="Patient records" intro="Read what a patient’s consent lets you read, for the purpose you state, and add notes and files.">
      <Load state={state}>
        {(grants) => (
          <>
            <Section title="Choose a patient">
              <PatientPicker grants={grants} patientId={patientId} />
            </Section>
            {patientId === '' ? null : <PatientFiles key={patientId} patientId={patientId} grants={grants.filter((grant) => grant.patientId === patientId)} />}
          </>
        )}
      </Load>
    </Page>
  );
}
