import { itemText, type PrescriptionItem } from './labels';

/** What was prescribed, as a logged read returned it. */
export function ItemList({ items, label }: { items: readonly PrescriptionItem[]; label: string }) {
  return (
    <ul className="item-list" aria-label={label}>
      {items.map((item, index) => (
        // Items have no ID; their order is the prescription's and never changes.
        <li key={index}>{itemText(item)}</li>
      ))}
    </ul>
  );
}
