import { Time } from '../components/Display';
import { ORDER_STEPS, type MedicineOrder } from './labels';

/** placed → accepted → dispensed → received, each with its time in the reader's zone; or how it ended early. */
export function OrderSteps({ order }: { order: MedicineOrder }) {
  const ended = order.status === 'rejected' ? { label: 'Rejected', at: order.rejectedAt } : order.status === 'cancelled' ? { label: 'Cancelled', at: order.cancelledAt } : undefined;
  return (
    <ol className="order-steps" aria-label={`Progress of order ${order.id}`}>
      {ORDER_STEPS.map((step) => {
        const at = order[step.at];
        if (at === undefined && ended !== undefined) return null;
        return (
          <li key={step.status} className={at === undefined ? 'step-todo' : 'step-done'}>
            {step.label}
            {at === undefined ? ': not yet' : ': '}
            {at === undefined ? null : <Time iso={at} />}
          </li>
        );
      })}
      {ended === undefined ? null : (
        <li className="step-done">
          {ended.label}: <Time iso={ended.at} />
        </li>
      )}
    </ol>
  );
}
