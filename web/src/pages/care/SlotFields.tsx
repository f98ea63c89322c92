import { SelectField, TextField } from '../../components/Fields';
import { localInputToIso, TIME_ZONE } from '../../lib/time';

const DURATIONS = [15, 30, 45, 60, 90, 120, 180, 240] as const;

/** A slot as a person picks it: a local start time and a duration. */
export interface SlotInput {
  start: string;
  minutes: string;
}

export const EMPTY_SLOT: SlotInput = { start: '', minutes: '30' };

/** The slot in UTC for the API, or an error message a person can act on. */
export function slotToIso(slot: SlotInput): { startsAt: string; endsAt: string } {
  if (slot.start === '') throw new Error('Choose a start time.');
  const startsAt = localInputToIso(slot.start);
  if (new Date(startsAt).getTime() <= Date.now()) throw new Error('Choose a start time in the future.');
  const endsAt = new Date(new Date(startsAt).getTime() + Number(slot.minutes) * 60_000).toISOString();
  return { startsAt, endsAt };
}

/** The start (in the person's time zone, which the hint names) and duration inputs of a slot. */
export function SlotFields({ slot, onChange, startLabel = 'Starts at' }: { slot: SlotInput; onChange: (slot: SlotInput) => void; startLabel?: string }) {
  return (
    <div className="care-slot">
      <TextField label={startLabel} type="datetime-local" hint={`Your time zone: ${TIME_ZONE}`} value={slot.start} onChange={(start) => { onChange({ ...slot, start }); }} required />
      <SelectField label="Duration" value={slot.minutes} onChange={(minutes) => { onChange({ ...slot, minutes }); }} options={DURATIONS.map((minutes) => ({ value: String(minutes), label: minutes < 60 ? `${minutes} minutes` : `${minutes / 60} hour${minutes === 60 ? '' : 's'}` }))} />
    </div>
  );
}
