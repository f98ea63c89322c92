import { SelectField, TextField } from '../../components/Fields';
import { useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { formatMoney } from '../../lib/money';
import { loadPriceList } from './price-lists';
import type { PriceListItem } from './types';

/**
 * Picks a service of a hospital: from its published price list (name and price shown), or, when
 * it has published none, as a free catalogue code. `optional` lets a referral leave it to the hospital.
 */
export function ServicePicker({ hospitalId, value, onChange, optional = false }: { hospitalId: string; value: string; onChange: (code: string) => void; optional?: boolean }) {
  const { state } = useLoad(() => loadPriceList(hospitalId), [hospitalId]);
  return (
    <Load state={state}>
      {(list) =>
        list === undefined || list.items.length === 0 ? (
          <TextField label={optional ? 'Service code (optional)' : 'Service code'} hint="This hospital has published no price list: type its catalogue code, e.g. LAB-CBC" value={value} onChange={onChange} required={!optional} maxLength={64} />
        ) : (
          <SelectField
            label="Service"
            hint="From the hospital's published price list; the hospital quotes the final price"
            value={value}
            onChange={onChange}
            required={!optional}
            options={[{ value: '', label: optional ? 'Let the hospital choose' : 'Choose a service' }, ...list.items.map((item) => ({ value: item.code, label: serviceLabel(item) }))]}
          />
        )
      }
    </Load>
  );
}

export function serviceLabel(item: PriceListItem): string {
  return `${item.name} (${item.code}): ${item.price === 0 ? 'free' : formatMoney(item.price, item.currency)}`;
}
