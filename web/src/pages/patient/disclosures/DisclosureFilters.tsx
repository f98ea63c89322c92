import { useState } from 'react';
import { SelectField, TextField } from '../../../components/Fields';
import { CATEGORY_OPTIONS, isCategory, type Category } from '../../../components/consent/vocabulary';
import { localInputToIso } from '../../../lib/time';

/** The filters GET /me/access-log supports; every one optional, all given ones must hold. */
export interface DisclosureFilter {
  accessor?: string;
  category?: Category;
  outcome?: 'allowed' | 'refused';
  from?: string;
  to?: string;
}

/** The filter as query parameters (the list and both exports take the same ones). */
export function filterQuery(filter: DisclosureFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

export function DisclosureFilters({ onApply }: { onApply: (filter: DisclosureFilter) => void }) {
  const [accessor, setAccessor] = useState('');
  const [category, setCategory] = useState('');
  const [outcome, setOutcome] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  return (
    <form
      className="filters"
      onSubmit={(event) => {
        event.preventDefault();
        onApply({
          ...(accessor.trim() === '' ? {} : { accessor: accessor.trim() }),
          ...(isCategory(category) ? { category } : {}),
          ...(outcome === 'allowed' || outcome === 'refused' ? { outcome } : {}),
          ...(from === '' ? {} : { from: localInputToIso(from) }),
          ...(to === '' ? {} : { to: localInputToIso(to) }),
        });
      }}
    >
      <TextField label="Who (their ID)" hint="e.g. doc-…; empty: everyone" value={accessor} onChange={setAccessor} />
      <SelectField label="Category" value={category} options={[{ value: '', label: 'Every category' }, ...CATEGORY_OPTIONS]} onChange={setCategory} />
      <SelectField
        label="Outcome"
        value={outcome}
        options={[
          { value: '', label: 'Allowed and refused' },
          { value: 'allowed', label: 'Allowed only' },
          { value: 'refused', label: 'Refused only' },
        ]}
        onChange={setOutcome}
      />
      <TextField label="From" type="datetime-local" value={from} onChange={setFrom} />
      <TextField label="To" type="datetime-local" value={to} onChange={setTo} />
      <div className="actions">
        <button type="submit" className="primary">
          Show
        </button>
      </div>
    </form>
  );
}
