import { useState } from 'react';
import { api, ok } from '../../api/client';
import { Badge, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { SelectField } from '../../components/Fields';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { ForId } from '../../medicine/ForId';
import { ItemList } from '../../medicine/ItemList';
import { ORDER_STATUS_LABELS, orderTone, PAYMENT_LABELS, type MedicineOrder, type OrderStatus, type PrescriptionItem } from '../../medicine/labels';
import { OrderSteps } from '../../medicine/OrderSteps';
import { useLiveNotifications } from '../../notifications/live-store';
import '../../notifications/notifications.css';

const ALL = 'all';
const FILTERS: readonly { value: OrderStatus | typeof ALL; label: string }[] = [
  { value: 'placed', label: 'New (placed)' },
  { value: 'accepted', label: 'Accepted, to dispense' },
  { value: 'dispensed', label: 'Dispensed' },
  { value: 'received', label: 'Received by the patient' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'cancelled', label: 'Cancelled by the patient' },
  { value: ALL, label: 'All orders' },
];
/** The prescription may be read while the order is open: the ledger refuses it afterwards (the order's consent has ended). */
const READABLE: readonly OrderStatus[] = ['placed', 'accepted', 'dispensed'];
type Step = '/orders/{orderId}/acceptance' | '/orders/{orderId}/rejection' | '/orders/{orderId}/dispensing';

function OrderCard({ order, onChanged }: { order: MedicineOrder; onChanged: (updated: MedicineOrder) => void }) {
  const { outcome, run } = useAction();
  const [items, setItems] = useState<PrescriptionItem[]>();
  const read = () => {
    void run(async () => {
      const answer = await ok(api.POST('/orders/{orderId}/prescription-reads', { params: { path: { orderId: order.id } } }));
      setItems(answer.items);
      return `Prescription ${answer.prescription.id} read (${String(answer.prescription.remaining)} units left on it); the patient sees this read in their access log.`;
    });
  };
  const step = (path: Step, done: string) => {
    void run(async () => {
      const updated = await ok(api.POST(path, { params: { path: { orderId: order.id } } }));
      onChanged(updated);
      return `Order ${updated.id} ${done}.`;
    });
  };
  const busy = outcome.kind === 'busy';
  return (
    <article className="card" aria-label={`Order ${order.id}`}>
      <div className="card-heading">
        <h3>
          Order <code>{order.id}</code>
        </h3>
        <Badge tone={orderTone(order.status)}>{ORDER_STATUS_LABELS[order.status]}</Badge>
      </div>
      <p>
        {order.quantity} units of prescription <code>{order.prescriptionId}</code> for patient <code>{order.patientId}</code>; {PAYMENT_LABELS[order.paymentMethod].toLowerCase()}. Placed <Time iso={order.placedAt} />.
      </p>
      <OrderSteps order={order} />
      {items === undefined ? null : <ItemList items={items} label={`Medicines of order ${order.id}`} />}
      <div className="actions">
        {READABLE.includes(order.status) && items === undefined ? (
          <button type="button" onClick={read} disabled={busy}>
            Read the prescription<ForId prefix="of " id={order.id} />
          </button>
        ) : null}
        {order.status === 'placed' ? (
          <>
            <button type="button" className="primary" onClick={() => { step('/orders/{orderId}/acceptance', 'accepted'); }} disabled={busy}>
              Accept<ForId id={order.id} />
            </button>
            <button type="button" className="danger" onClick={() => { step('/orders/{orderId}/rejection', 'rejected'); }} disabled={busy}>
              Reject<ForId id={order.id} />
            </button>
          </>
        ) : null}
        {order.status === 'accepted' ? (
          <button type="button" className="primary" onClick={() => { step('/orders/{orderId}/dispensing', 'dispensed'); }} disabled={busy}>
            Dispense<ForId id={order.id} />
          </button>
        ) : null}
      </div>
      <OutcomeMessage outcome={outcome} />
    </article>
  );
}

/**
 * The pharmacy's work queue: orders patients placed with it, by status. It reads the prescribed
 * items (a logged read), accepts or rejects, and dispenses. The queue refreshes when the live
 * stream says an order changed.
 */
export function HomePage() {
  const [filter, setFilter] = useState<OrderStatus | typeof ALL>('placed');
  const { items: notifications } = useLiveNotifications();
  const changed = notifications.find((notification) => notification.type === 'order.updated')?.id;
  const queue = useLoad(async () => {
    const page = await ok(api.GET('/me/orders', { params: { query: filter === ALL ? { limit: 100 } : { status: filter, limit: 100 } } }));
    return [...page.items].sort((a, b) => a.placedAt.localeCompare(b.placedAt));
  }, [filter, changed]);
  // After a step the queue shows the order's new status, so the order (and what the step said) stays in view.
  const followOrder = (updated: MedicineOrder) => {
    if (filter !== ALL) setFilter(updated.status);
    queue.reload();
  };
  return (
    <Page title="Orders" intro="Medicine orders patients placed with you. Accepting commits you to dispense; each read of a prescription is recorded in the patient’s access log.">
      <Section title="Order queue">
        <form className="inline-form" onSubmit={(event) => { event.preventDefault(); }} aria-label="Filter orders">
          <SelectField
            label="Show"
            value={filter}
            onChange={(value) => {
              const chosen = FILTERS.find((option) => option.value === value);
              if (chosen !== undefined) setFilter(chosen.value);
            }}
            options={FILTERS}
          />
        </form>
        <Load state={queue.state}>
          {(orders) => (orders.length === 0 ? <Empty>No orders here.</Empty> : orders.map((order) => <OrderCard key={order.id} order={order} onChanged={followOrder} />))}
        </Load>
      </Section>
    </Page>
  );
}
