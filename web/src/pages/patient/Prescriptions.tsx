import { useState } from 'react';
import { api, ok } from '../../api/client';
import { Badge, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { ForId } from '../../medicine/ForId';
import { ItemList } from '../../medicine/ItemList';
import { ORDER_STATUS_LABELS, orderTone, PAYMENT_LABELS, prescriptionTone, type MedicineOrder, type Prescription, type PrescriptionItem } from '../../medicine/labels';
import { OrderForm, type PharmacyChoice } from '../../medicine/OrderForm';
import { OrderSteps } from '../../medicine/OrderSteps';
import { useLiveNotifications } from '../../notifications/live-store';
import { useMe } from '../../session';
import '../../notifications/notifications.css';

async function listedPharmacies(): Promise<PharmacyChoice[]> {
  const page = await ok(api.GET('/directory', { params: { query: { role: 'pharmacy', limit: 100 } } }));
  return page.items.map((entry) => ({ id: entry.stakeholderId, name: entry.city === undefined ? entry.displayName : `${entry.displayName} (${entry.city})` }));
}

/** The items come only from the logged read, on request: each read is in the patient's own access log. */
function PrescribedItems({ prescriptionId }: { prescriptionId: string }) {
  const { outcome, run } = useAction();
  const [items, setItems] = useState<PrescriptionItem[]>();
  const read = () => {
    void run(async () => {
      const answer = await ok(api.POST('/prescriptions/{prescriptionId}/reads', { params: { path: { prescriptionId } } }));
      setItems(answer.items);
      return 'Read from the ledger; the read is recorded in your access log.';
    });
  };
  return (
    <div>
      {items === undefined ? (
        <button type="button" onClick={read} disabled={outcome.kind === 'busy'}>
          Show what was prescribed<ForId prefix="in " id={prescriptionId} />
        </button>
      ) : (
        <ItemList items={items} label={`Medicines of ${prescriptionId}`} />
      )}
      <OutcomeMessage outcome={outcome} />
    </div>
  );
}

function PrescriptionCard({ prescription, pharmacies, onOrdered }: { prescription: Prescription; pharmacies: readonly PharmacyChoice[]; onOrdered: () => void }) {
  const orderable = prescription.status === 'active' && prescription.remaining > 0;
  return (
    <article className="card" aria-label={`Prescription ${prescription.id}`}>
      <div className="card-heading">
        <h3>
          Prescription <code>{prescription.id}</code>
        </h3>
        <Badge tone={prescriptionTone(prescription.status)}>{prescription.status}</Badge>
      </div>
      <p>
        Issued <Time iso={prescription.issuedAt} /> by <code>{prescription.doctorId}</code>, valid until <Time iso={prescription.validUntil} />.{' '}
        {prescription.totalQuantity} units per fill, {prescription.refills} refill{prescription.refills === 1 ? '' : 's'}: {prescription.remaining} of {prescription.dispensableQuantity} units left.
      </p>
      <PrescribedItems prescriptionId={prescription.id} />
      {orderable ? <OrderForm prescription={prescription} pharmacies={pharmacies} onPlaced={onOrdered} /> : null}
    </article>
  );
}

function OrderCard({ order, pharmacyName, onChanged }: { order: MedicineOrder; pharmacyName: string; onChanged: () => void }) {
  const { outcome, run } = useAction();
  const step = (path: '/orders/{orderId}/receipt' | '/orders/{orderId}/cancellation', done: string) => {
    void run(async () => {
      const updated = await ok(api.POST(path, { params: { path: { orderId: order.id } } }));
      onChanged();
      return `Order ${updated.id} ${done}.`;
    });
  };
  return (
    <article className="card" aria-label={`Order ${order.id}`}>
      <div className="card-heading">
        <h3>
          Order <code>{order.id}</code>
        </h3>
        <Badge tone={orderTone(order.status)}>{ORDER_STATUS_LABELS[order.status]}</Badge>
      </div>
      <p>
        {order.quantity} units of <code>{order.prescriptionId}</code> from {pharmacyName}; {PAYMENT_LABELS[order.paymentMethod].toLowerCase()}.
      </p>
      <OrderSteps order={order} />
      <div className="actions">
        {order.status === 'dispensed' ? (
          <button type="button" className="primary" onClick={() => { step('/orders/{orderId}/receipt', 'marked as received'); }} disabled={outcome.kind === 'busy'}>
            Confirm receipt<ForId prefix="of " id={order.id} />
          </button>
        ) : null}
        {order.status === 'placed' || order.status === 'accepted' ? (
          <button type="button" className="danger" onClick={() => { step('/orders/{orderId}/cancellation', 'cancelled'); }} disabled={outcome.kind === 'busy'}>
            Cancel order<ForId id={order.id} />
          </button>
        ) : null}
      </div>
      <OutcomeMessage outcome={outcome} />
    </article>
  );
}

/**
 * The patient's prescriptions and medicine orders: read what was prescribed (logged), order from a
 * pharmacy of the directory, follow each order and confirm its receipt. Orders refresh by
 * themselves when the live stream says one changed.
 */
export function PrescriptionsPage() {
  const me = useMe();
  const patientId = me.stakeholderId;
  const { items: notifications } = useLiveNotifications();
  const changed = notifications.find((notification) => notification.type === 'order.updated' || notification.type === 'prescription.updated')?.id;
  const data = useLoad(async () => {
    const [prescriptions, orders, pharmacies] = await Promise.all([
      ok(api.GET('/patients/{patientId}/prescriptions', { params: { path: { patientId }, query: { limit: 100 } } })),
      ok(api.GET('/patients/{patientId}/orders', { params: { path: { patientId }, query: { limit: 100 } } })),
      listedPharmacies(),
    ]);
    return { prescriptions: prescriptions.items, orders: orders.items, pharmacies };
  }, [patientId, changed]);

  return (
    <Page title="Prescriptions and orders" intro="Your prescriptions, and the medicines you ordered from pharmacies. Ordering lets that pharmacy read the prescription until the order ends.">
      <Load state={data.state}>
        {({ prescriptions, orders, pharmacies }) => {
          const nameOf = (id: string) => pharmacies.find((pharmacy) => pharmacy.id === id)?.name ?? id;
          const newestFirst = <T extends { updatedAt: string }>(list: readonly T[]) => [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
          return (
            <>
              <Section title="My orders">
                {orders.length === 0 ? <Empty>No orders yet.</Empty> : newestFirst(orders).map((order) => <OrderCard key={order.id} order={order} pharmacyName={nameOf(order.pharmacyId)} onChanged={data.reload} />)}
              </Section>
              <Section title="My prescriptions">
                {prescriptions.length === 0 ? (
                  <Empty>No prescriptions yet.</Empty>
                ) : (
                  newestFirst(prescriptions).map((prescription) => <PrescriptionCard key={prescription.id} prescription={prescription} pharmacies={pharmacies} onOrdered={data.reload} />)
                )}
              </Section>
            </>
          );
        }}
      </Load>
    </Page>
  );
}
