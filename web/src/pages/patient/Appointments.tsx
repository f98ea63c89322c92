import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Badge, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { TextAreaField } from '../../components/Fields';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { useMe } from '../../session';
import { APPOINTMENT_TONE, isOpenAppointment } from '../care/appointment-status';
import { DirectorySearch } from '../care/DirectorySearch';
import { EMPTY_SLOT, SlotFields, slotToIso, type SlotInput } from '../care/SlotFields';
import type { Appointment, DirectoryEntry } from '../care/types';
import { nameOf, useDirectoryNames } from '../care/useDirectoryNames';

/** The reason's limit (APPOINTMENT_REASON_MAX in the contract). */
const REASON_MAX = 2000;

async function book(providerId: string, slot: SlotInput, reason: string): Promise<Appointment> {
  if (reason.trim() === '') throw new Error('Say briefly why you want the appointment; only the provider you book can read it.');
  return ok(api.POST('/appointments', { body: { providerId, ...slotToIso(slot), reason: reason.trim() } }));
}

function BookingForm({ provider, onBooked }: { provider: DirectoryEntry; onBooked: () => void }) {
  const [slot, setSlot] = useState<SlotInput>(EMPTY_SLOT);
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const booked = await book(provider.stakeholderId, slot, reason);
      onBooked();
      return (
        <>
          Requested <Time iso={booked.startsAt} /> with {provider.displayName}; they confirm it or propose another time.
        </>
      );
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Book with ${provider.displayName}`}>
      <SlotFields slot={slot} onChange={setSlot} />
      <TextAreaField label="Reason for the visit" hint="Private: only the provider you book (and whom you grant) can read it, and every read is logged." value={reason} onChange={setReason} required maxLength={REASON_MAX} />
      <div className="actions">
        <button type="submit" className="primary">
          Book appointment
        </button>
      </div>
      <OutcomeMessage outcome={action.outcome} />
    </form>
  );
}

/** The API has no reschedule by the patient: a new booking with the same provider, then the old one is cancelled. */
function RescheduleForm({ appointment, run, onDone }: { appointment: Appointment; run: ReturnType<typeof useAction>['run']; onDone: () => void }) {
  const [slot, setSlot] = useState<SlotInput>(EMPTY_SLOT);
  const [reason, setReason] = useState('');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      const booked = await book(appointment.providerId, slot, reason);
      await ok(api.POST('/appointments/{appointmentId}/cancellation', { params: { path: { appointmentId: appointment.id } } }));
      onDone();
      return (
        <>
          Requested the new time <Time iso={booked.startsAt} /> and cancelled the old one.
        </>
      );
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Reschedule appointment ${appointment.id}`} className="care-inline-form">
      <p className="hint">Rescheduling books the new time (the provider confirms it again) and cancels this one.</p>
      <SlotFields slot={slot} onChange={setSlot} startLabel="New start" />
      <TextAreaField label="Reason for the visit" value={reason} onChange={setReason} required maxLength={REASON_MAX} />
      <div className="actions">
        <button type="submit">Request the new time</button>
      </div>
    </form>
  );
}

type Step = 'proposal-acceptance' | 'proposal-rejection' | 'cancellation';
const STEP_DONE: Readonly<Record<Step, string>> = {
  'proposal-acceptance': 'You accepted the proposed time: the appointment is confirmed.',
  'proposal-rejection': 'You rejected the proposed time: your request stands at its original time.',
  cancellation: 'Appointment cancelled.',
};

function PatientAppointment({ appointment, providerName, reload }: { appointment: Appointment; providerName: string; reload: () => void }) {
  const action = useAction();
  const [rescheduling, setRescheduling] = useState(false);
  const step = (name: Step) => {
    void action.run(async () => {
      await ok(api.POST(`/appointments/{appointmentId}/${name}`, { params: { path: { appointmentId: appointment.id } } }));
      reload();
      return STEP_DONE[name];
    });
  };
  return (
    <li className="care-item">
      <div className="care-item-head">
        <strong>{providerName}</strong>
        <Badge tone={APPOINTMENT_TONE[appointment.status]}>{appointment.status}</Badge>
      </div>
      <p>
        <Time iso={appointment.startsAt} /> – <Time iso={appointment.endsAt} />
      </p>
      {appointment.status === 'proposed' ? (
        <p className="care-private">
          {providerName} proposes <Time iso={appointment.proposedStartsAt} /> – <Time iso={appointment.proposedEndsAt} />.
        </p>
      ) : null}
      <div className="actions">
        {appointment.status === 'proposed' ? (
          <>
            <button type="button" className="primary" onClick={() => { step('proposal-acceptance'); }}>Accept proposed time</button>
            <button type="button" onClick={() => { step('proposal-rejection'); }}>Reject proposed time</button>
          </>
        ) : null}
        {isOpenAppointment(appointment) ? (
          <>
            <button type="button" aria-expanded={rescheduling} onClick={() => { setRescheduling(!rescheduling); }}>Reschedule</button>
            <button type="button" className="danger" onClick={() => { step('cancellation'); }}>Cancel appointment</button>
          </>
        ) : null}
      </div>
      {rescheduling ? <RescheduleForm appointment={appointment} run={action.run} onDone={() => { setRescheduling(false); reload(); }} /> : null}
      <OutcomeMessage outcome={action.outcome} />
    </li>
  );
}

function AppointmentList({ appointments, reload }: { appointments: readonly Appointment[]; reload: () => void }) {
  const names = useDirectoryNames(appointments.map((appointment) => appointment.providerId));
  if (appointments.length === 0) return <Empty>You have no appointments yet.</Empty>;
  return (
    <ul className="care-list" aria-label="Your appointments">
      {appointments.map((appointment) => (
        <PatientAppointment key={appointment.id} appointment={appointment} providerName={nameOf(names, appointment.providerId)} reload={reload} />
      ))}
    </ul>
  );
}

/**
 * A patient's appointments: find a verified doctor or hospital in the directory, book a slot in
 * local time, answer a provider's proposed time, reschedule or cancel.
 */
export function AppointmentsPage() {
  const me = useMe();
  const [provider, setProvider] = useState<DirectoryEntry>();
  const { state, reload } = useLoad(() => ok(api.GET('/patients/{patientId}/appointments', { params: { path: { patientId: me.stakeholderId }, query: { limit: 100 } } })), [me.stakeholderId]);
  return (
    <Page title="Appointments" intro="Book with verified doctors and hospitals. Times are in your time zone; the reason for a visit stays private.">
      <Section title="Find a doctor or hospital">
        <DirectorySearch roles={['doctor', 'hospital']} chosen={provider} onChoose={setProvider} />
      </Section>
      {provider === undefined ? null : (
        <Section title={`Book with ${provider.displayName}`}>
          <BookingForm key={provider.stakeholderId} provider={provider} onBooked={reload} />
        </Section>
      )}
      <Section title="Your appointments">
        <Load state={state}>{(page) => <AppointmentList appointments={page.items} reload={reload} />}</Load>
      </Section>
    </Page>
  );
}
