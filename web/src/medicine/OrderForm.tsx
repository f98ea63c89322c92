import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../api/client';
import { OutcomeMessage } from '../components/Feedback';
import { SelectField, TextField } from '../components/Fields';
import { useAction } from '../components/hooks';
import { PAYMENT_LABELS, type MedicineOrder, type Prescription } from './labels';

export interface PharmacyChoice {
  id: string;
  name: string;
}

const PAYMENT_OPTIONS = Object.entries(PAYMENT_LABELS).map(([value, label]) => ({ value, label }));

function isPayment(value: string): value is MedicineOrder['paymentMethod'] {
  return value in PAYMENT_LABELS;
}

/**
 * Orders (part of) one prescription from a pharmacy of the directory. The quantity is not capped
 * here: the ledger decides what may be ordered, and its refusal is shown as it says it.
 */
export function OrderForm({ prescription, pharmacies, onPlaced }: { prescription: Prescription; pharmacies: readonly PharmacyChoice[]; onPlaced: () => void }) {
  const { outcome, run } = useAction();
  const [pharmacyId, setPharmacyId] = useState(pharmacies[0]?.id ?? '');
  const [quantity, setQuantity] = useState(String(Math.min(prescription.totalQuantity, prescription.remaining)));
  const [payment, setPayment] = useState<MedicineOrder['paymentMethod']>('online');

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      const order = await ok(api.POST('/orders', { body: { prescriptionId: prescription.id, pharmacyId, quantity: Number(quantity), paymentMethod: payment } }));
      onPlaced();
      const pharmacy = pharmacies.find((choice) => choice.id === order.pharmacyId)?.name ?? order.pharmacyId;
      return `Order ${order.id} placed: ${String(order.quantity)} units from ${pharmacy}. The pharmacy may now read this prescription until the order ends.`;
    });
  };

  if (pharmacies.length === 0) return <p className="hint">No pharmacy is listed in the directory yet, so there is nowhere to order from.</p>;
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Order from prescription ${prescription.id}`}>
      <SelectField label="Pharmacy" value={pharmacyId} onChange={setPharmacyId} options={pharmacies.map((pharmacy) => ({ value: pharmacy.id, label: pharmacy.name }))} />
      <TextField label="Quantity (units)" hint={`At most one fill (${String(prescription.totalQuantity)}), ${String(prescription.remaining)} left`} type="number" min="1" required value={quantity} onChange={setQuantity} />
      <SelectField
        label="Payment"
        value={payment}
        onChange={(value) => {
          if (isPayment(value)) setPayment(value);
        }}
        options={PAYMENT_OPTIONS}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={outcome.kind === 'busy' || pharmacyId === ''}>
          Order
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
