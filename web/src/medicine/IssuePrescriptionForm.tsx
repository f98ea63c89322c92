import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../api/client';
import { OutcomeMessage } from '../components/Feedback';
import { TextField } from '../components/Fields';
import { useAction } from '../components/hooks';
import { isoToLocalInput, localInputToIso, TIME_ZONE } from '../lib/time';
import type { Prescription, PrescriptionItem } from './labels';

interface ItemDraft {
  key: number;
  medicine: string;
  dose: string;
  frequency: string;
  durationDays: string;
  instructions: string;
}

const DAY_MS = 86_400_000;
let nextKey = 1;
const emptyItem = (): ItemDraft => ({ key: nextKey++, medicine: '', dose: '', frequency: '', durationDays: '', instructions: '' });

/** An item as the API takes it: optional texts left out when blank (the API refuses blank ones). */
function itemOf(draft: ItemDraft): PrescriptionItem {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const frequency = optional(draft.frequency);
  const instructions = optional(draft.instructions);
  return {
    medicine: draft.medicine.trim(),
    dose: draft.dose.trim(),
    ...(frequency === undefined ? {} : { frequency }),
    ...(draft.durationDays.trim() === '' ? {} : { durationDays: Number(draft.durationDays) }),
    ...(instructions === undefined ? {} : { instructions }),
  };
}

function ItemFields({ item, index, onChange, onRemove }: { item: ItemDraft; index: number; onChange: (item: ItemDraft) => void; onRemove: (() => void) | undefined }) {
  const n = String(index + 1);
  return (
    <fieldset className="item-row">
      <legend>Medicine {n}</legend>
      <TextField label={`Medicine ${n} name`} value={item.medicine} required maxLength={200} onChange={(medicine) => { onChange({ ...item, medicine }); }} />
      <TextField label={`Medicine ${n} dose`} hint="e.g. 1 tablet" value={item.dose} required maxLength={200} onChange={(dose) => { onChange({ ...item, dose }); }} />
      <TextField label={`Medicine ${n} frequency`} hint="optional" value={item.frequency} maxLength={200} onChange={(frequency) => { onChange({ ...item, frequency }); }} />
      <TextField label={`Medicine ${n} duration (days)`} hint="optional" type="number" min="1" max="366" value={item.durationDays} onChange={(durationDays) => { onChange({ ...item, durationDays }); }} />
      <TextField label={`Medicine ${n} instructions`} hint="optional" value={item.instructions} maxLength={1000} onChange={(instructions) => { onChange({ ...item, instructions }); }} />
      {onRemove === undefined ? null : (
        <button type="button" className="danger" onClick={onRemove}>
          Remove medicine {n}
        </button>
      )}
    </fieldset>
  );
}

/**
 * Issues a prescription for one patient. The items go to the API, which passes them to the
 * chaincode in the transient map only; the answer is the public state, without them.
 */
export function IssuePrescriptionForm({ patientId, onIssued }: { patientId: string; onIssued: (prescription: Prescription) => void }) {
  const { outcome, run } = useAction();
  const [items, setItems] = useState<ItemDraft[]>(() => [emptyItem()]);
  const [totalQuantity, setTotalQuantity] = useState('30');
  const [refills, setRefills] = useState('0');
  const [validUntil, setValidUntil] = useState(() => isoToLocalInput(new Date(Date.now() + 30 * DAY_MS).toISOString()));

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      const issued = await ok(
        api.POST('/prescriptions', {
          body: { patientId, totalQuantity: Number(totalQuantity), refills: Number(refills), validUntil: localInputToIso(validUntil), items: items.map(itemOf) },
        }),
      );
      onIssued(issued);
      setItems([emptyItem()]);
      return `Prescription ${issued.id} issued for ${issued.patientId}: ${String(issued.dispensableQuantity)} units dispensable until the end date.`;
    });
  };

  return (
    <form onSubmit={submit} aria-label="Issue a prescription">
      {items.map((item, index) => (
        <ItemFields
          key={item.key}
          item={item}
          index={index}
          onChange={(changed) => { setItems(items.map((existing) => (existing.key === item.key ? changed : existing))); }}
          onRemove={items.length === 1 ? undefined : () => { setItems(items.filter((existing) => existing.key !== item.key)); }}
        />
      ))}
      <div className="actions">
        <button type="button" onClick={() => { setItems([...items, emptyItem()]); }} disabled={items.length >= 20}>
          Add another medicine
        </button>
      </div>
      <TextField label="Total quantity (units of one fill)" type="number" min="1" max="10000" required value={totalQuantity} onChange={setTotalQuantity} />
      <TextField label="Refills" hint="Further fills after the first (0-12)" type="number" min="0" max="12" required value={refills} onChange={setRefills} />
      <TextField label="Valid until" hint={`Your time zone: ${TIME_ZONE}`} type="datetime-local" required value={validUntil} onChange={setValidUntil} />
      <div className="actions">
        <button type="submit" className="primary" disabled={outcome.kind === 'busy'}>
          Issue prescription
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
