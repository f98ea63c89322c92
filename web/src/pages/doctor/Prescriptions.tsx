import { useState } from 'react';
import { api, ok } from '../../api/client';
import { Badge, Table, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Fields';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { ForId } from '../../medicine/ForId';
import { IssuePrescriptionForm } from '../../medicine/IssuePrescriptionForm';
import { prescriptionTone, type Prescription } from '../../medicine/labels';
import { useMe } from '../../session';
import '../../notifications/notifications.css';

const OTHER = '';

/** The patients whose active grant lets this doctor write prescriptions (edit on the prescription category). */
async function prescribablePatients(): Promise<string[]> {
  const page = await ok(api.GET('/me/consents', { params: { query: { limit: 100 } } }));
  const coversPrescriptions = (scope: (typeof page.items)[number]['scope']) => 'categories' in scope && Array.isArray(scope.categories) && scope.categories.includes('prescription');
  const patients = page.items.filter((grant) => grant.effectiveStatus === 'active' && grant.actions.includes('edit') && coversPrescriptions(grant.scope)).map((grant) => grant.patientId);
  return [...new Set(patients)].sort();
}

function IssuedList({ patientId, issuedHere, onChanged }: { patientId: string; issuedHere: readonly Prescription[]; onChanged: (prescription: Prescription) => void }) {
  const me = useMe();
  const { outcome, run } = useAction();
  // The patient's list needs a view grant too; without one, what this doctor issued here still shows.
  const { state, reload } = useLoad(async () => {
    try {
      const page = await ok(api.GET('/patients/{patientId}/prescriptions', { params: { path: { patientId }, query: { limit: 100 } } }));
      return { listed: page.items.filter((prescription) => prescription.doctorId === me.stakeholderId), refusal: undefined };
    } catch (error) {
      return { listed: [], refusal: error instanceof Error ? error.message : 'The list could not be loaded' };
    }
  }, [patientId, issuedHere.length]);

  const cancel = (prescription: Prescription) => {
    void run(async () => {
      const cancelled = await ok(api.POST('/prescriptions/{prescriptionId}/cancellation', { params: { path: { prescriptionId: prescription.id } } }));
      onChanged(cancelled);
      reload();
      return `Prescription ${cancelled.id} cancelled.`;
    });
  };

  return (
    <Load state={state}>
      {({ listed, refusal }) => {
        const byId = new Map<string, Prescription>();
        for (const prescription of [...issuedHere.filter((p) => p.patientId === patientId), ...listed]) byId.set(prescription.id, prescription);
        const prescriptions = [...byId.values()].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
        return (
          <>
            {refusal === undefined ? null : <p className="message warn">The patient’s full list is not shown: {refusal}. Listing needs the patient’s view consent on prescriptions.</p>}
            {prescriptions.length === 0 ? (
              <Empty>You have issued no prescription for {patientId}.</Empty>
            ) : (
              <Table caption={`Prescriptions you issued for ${patientId}`} headers={['Prescription', 'Issued', 'Valid until', 'Quantities', 'Status', 'Action']}>
                {prescriptions.map((prescription) => (
                  <tr key={prescription.id}>
                    <td><code>{prescription.id}</code></td>
                    <td><Time iso={prescription.issuedAt} /></td>
                    <td><Time iso={prescription.validUntil} /></td>
                    <td>
                      {prescription.totalQuantity} per fill, {prescription.refills} refill{prescription.refills === 1 ? '' : 's'}; {prescription.remaining} of {prescription.dispensableQuantity} left
                    </td>
                    <td><Badge tone={prescriptionTone(prescription.status)}>{prescription.status}</Badge></td>
                    <td>
                      {prescription.status === 'active' && prescription.dispensedQuantity === 0 ? (
                        <button type="button" className="danger" onClick={() => { cancel(prescription); }} disabled={outcome.kind === 'busy'}>
                          Cancel<ForId id={prescription.id} />
                        </button>
                      ) : (
                        <span className="hint">{prescription.dispensedQuantity > 0 ? 'Dispensing started' : '—'}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </Table>
            )}
            <OutcomeMessage outcome={outcome} />
          </>
        );
      }}
    </Load>
  );
}

/**
 * The doctor writes prescriptions for patients who granted edit consent on prescriptions, sees
 * what they issued, and cancels one nothing was dispensed from. Any patient ID can be tried: the
 * API's refusal (no consent) is shown as it says it.
 */
export function PrescriptionsPage() {
  const patients = useLoad(prescribablePatients, []);
  const [choice, setChoice] = useState<string>();
  const [typed, setTyped] = useState('');
  // A typed ID is used once confirmed, not at every keystroke (each would ask the ledger).
  const [typedPatient, setTypedPatient] = useState('');
  const [issuedHere, setIssuedHere] = useState<Prescription[]>([]);
  const remember = (prescription: Prescription) => {
    setIssuedHere((list) => [prescription, ...list.filter((p) => p.id !== prescription.id)]);
  };

  return (
    <Page title="Prescriptions" intro="Write prescriptions for patients who gave you edit consent on prescriptions. What you prescribe is kept private; the ledger holds only quantities, status and times.">
      <Load state={patients.state}>
        {(consenting) => {
          const selected = choice ?? consenting[0] ?? OTHER;
          const patientId = selected === OTHER ? typedPatient : selected;
          return (
            <>
              <Section title="Choose the patient">
                <form
                  onSubmit={(event) => {
                    event.preventDefault();
                    setTypedPatient(typed.trim());
                  }}
                  aria-label="Patient to prescribe for"
                >
                  <SelectField
                    label="Patient"
                    hint={consenting.length === 0 ? 'No patient has given you edit consent on prescriptions yet.' : 'Patients whose consent lets you prescribe'}
                    value={selected}
                    onChange={setChoice}
                    options={[...consenting.map((id) => ({ value: id, label: id })), { value: OTHER, label: 'Another patient (enter the ID)' }]}
                  />
                  {selected === OTHER ? (
                    <>
                      <TextField label="Patient ID" hint="e.g. pat-4f9a1c2e" value={typed} onChange={setTyped} maxLength={90} />
                      <div className="actions">
                        <button type="submit">Use this patient</button>
                      </div>
                    </>
                  ) : null}
                </form>
              </Section>
              {patientId === '' ? null : (
                <>
                  <Section title={`New prescription for ${patientId}`}>
                    <IssuePrescriptionForm key={patientId} patientId={patientId} onIssued={remember} />
                  </Section>
                  <Section title="Prescriptions you issued">
                    <IssuedList patientId={patientId} issuedHere={issuedHere} onChanged={remember} />
                  </Section>
                </>
              )}
            </>
          );
        }}
      </Load>
    </Page>
  );
}
