import './care.css';
import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Badge, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { SelectField } from '../../components/Fields';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { APPOINTMENT_TONE, isOpenAppointment } from './appointment-status';
import { EMPTY_SLOT, SlotFields, slotToIso, type SlotInput } from './SlotFields';
import type { Appointment } from './types';

type Step = 'confirmation' | 'decline' | 'completion' | 'cancellation';
const STEP_DONE: Readonly<Record<Step, string>> = {
  confirmation: 'Appointment confirmed.',
  decline: 'Appointment declined.',
  completion: 'Appointment marked completed.',
  cancellation: 'Appointment cancelled.',
};

const STATUS_FILTERS = ['', 'requested', 'proposed', 'confirmed', 'completed', 'declined', 'cancelled'] as const;

function ProposeForm({ appointment, onDone, run }: { appointment: Appointment; onDone: () => void; run: ReturnType<typeof useAction>['run'] }) {
  const [slot, setSlot] = useState<SlotInput>(EMPTY_SLOT);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      const body = slotToIso(slot);
      const updated = await ok(api.POST('/appointments/{appointmentId}/proposal', { params: { path: { appointmentId: appointment.id } }, body }));
      onDone();
      return (
        <>
          Proposed <Time iso={updated.proposedStartsAt} />; the patient accepts or rejects it.
        </>
      );
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Propose another time for appointment ${appointment.id}`} className="care-inline-form">
      <SlotFields slot={slot} onChange={setSlot} startLabel="Proposed start" />
      <div className="actions">
        <button type="submit">Send proposal</button>
      </div>
    </form>
  );
}

/** The buttons an appointment's status allows its provider. */
function ProviderActions({ appointment, proposing, onStep, onPropose, onReadReason }: { appointment: Appointment; proposing: boolean; onStep: (step: Step) => void; onPropose: () => void; onReadReason: () => void }) {
  const started = new Date(appointment.startsAt).getTime() <= Date.now();
  return (
    <div className="actions">
      {appointment.status === 'requested' ? (
        <>
          <button type="button" className="primary" onClick={() => { onStep('confirmation'); }}>Confirm</button>
          <button type="button" className="danger" onClick={() => { onStep('decline'); }}>Decline</button>
        </>
      ) : null}
      {appointment.status === 'confirmed' && started ? <button type="button" className="primary" onClick={() => { onStep('completion'); }}>Mark completed</button> : null}
      {appointment.status === 'requested' || appointment.status === 'confirmed' ? (
        <button type="button" aria-expanded={proposing} onClick={onPropose}>Propose another time</button>
      ) : null}
      {isOpenAppointment(appointment) ? <button type="button" className="danger" onClick={() => { onStep('cancellation'); }}>Cancel appointment</button> : null}
      <button type="button" onClick={onReadReason}>Read reason (logged)</button>
    </div>
  );
}

/** One appointment with the steps its status allows the provider. */
function ProviderAppointment({ appointment, reload }: { appointment: Appointment; reload: () => void }) {
  const action = useAction();
  const [proposing, setProposing] = useState(false);
  const [reason, setReason] = useState<string | null>();
  const path = { appointmentId: appointment.id };
  const step = (name: Step) => {
    void action.run(async () => {
      await ok(api.POST(`/appointments/{appointmentId}/${name}`, { params: { path } }));
      reload();
      return STEP_DONE[name];
    });
  };
  const readReason = () => {
    void action.run(async () => {
      const read = await ok(api.POST('/appointments/{appointmentId}/detail-reads', { params: { path } }));
      setReason(read.details?.reason ?? null);
      return 'Reason read; the read is in the patient’s access log.';
    });
  };
  return (
    <li className="care-item">
      <div className="care-item-head">
        <strong>
          <Time iso={appointment.startsAt} /> – <Time iso={appointment.endsAt} />
        </strong>
        <Badge tone={APPOINTMENT_TONE[appointment.status]}>{appointment.status}</Badge>
      </div>
      <p className="care-muted">
        Patient <code>{appointment.patientId}</code>
      </p>
      {appointment.status === 'proposed' ? (
        <p>
          You proposed <Time iso={appointment.proposedStartsAt} /> – <Time iso={appointment.proposedEndsAt} />; waiting for the patient.
        </p>
      ) : null}
      {reason === undefined ? null : <p className="care-private">Reason: {reason ?? 'not available on this peer'}</p>}
      <ProviderActions appointment={appointment} proposing={proposing} onStep={step} onPropose={() => { setProposing(!proposing); }} onReadReason={readReason} />
      {proposing ? <ProposeForm appointment={appointment} run={action.run} onDone={() => { setProposing(false); reload(); }} /> : null}
      <OutcomeMessage outcome={action.outcome} />
    </li>
  );
}

/**
 * A doctor's or hospital's appointments (GET /me/appointments): confirm or decline requests,
 * propose another time, complete a visit once it has started, and read the private reason (a
 * logged read under the grant the booking created).
 */
export function ProviderAppointmentsPage() {
  const [status, setStatus] = useState<string>('');
  const { state, reload } = useLoad(
    () => ok(api.GET('/me/appointments', { params: { query: { limit: 100, ...(status === '' ? {} : { status: status as Appointment['status'] }) } } })),
    [status],
  );
  return (
    <Page title="Appointments" intro="Patients book slots with you; the reason for each visit is private, and reading it is logged.">
      <Section title="Your appointments">
        <SelectField label="Show" value={status} onChange={setStatus} options={STATUS_FILTERS.map((value) => ({ value, label: value === '' ? 'All appointments' : value }))} />
        <Load state={state}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>No appointments{status === '' ? '' : ` ${status}`}.</Empty>
            ) : (
              <ul className="care-list" aria-label="Appointments">
                {page.items.map((appointment) => (
                  <ProviderAppointment key={appointment.id} appointment={appointment} reload={reload} />
                ))}
              </ul>
            )
          }
        </Load>
      </Section>
    </Page>
  );
}
