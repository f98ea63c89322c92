import { useId, useState } from 'react';
import { CheckboxGroup, TextField } from '../Fields';
import { Time } from '../Display';
import type { PatientRecord } from './patient-records';
import { categoriesOf, CATEGORY_OPTIONS, isCategory, recordIdsOf, type Category, type GrantScope } from './vocabulary';

/** A scope being edited: whole categories, or individual records (never both, as the ledger wants). */
export type ScopeDraft = { kind: 'categories'; categories: Category[] } | { kind: 'records'; recordIds: string[] };

export function draftOf(scope: GrantScope): ScopeDraft {
  const categories = categoriesOf(scope);
  return categories.length > 0 ? { kind: 'categories', categories } : { kind: 'records', recordIds: recordIdsOf(scope) };
}

/** The API's scope, or undefined when nothing is chosen (the form says so instead of sending it). */
export function scopeOf(draft: ScopeDraft): GrantScope | undefined {
  if (draft.kind === 'categories') return draft.categories.length === 0 ? undefined : { categories: draft.categories };
  return draft.recordIds.length === 0 ? undefined : { recordIds: draft.recordIds };
}

function recordLabel(record: PatientRecord): string {
  return `${record.title} · ${record.id}`;
}

function RecordChoices({ records, selected, onChange }: { records: readonly PatientRecord[]; selected: readonly string[]; onChange: (ids: string[]) => void }) {
  if (records.length === 0) return <p className="empty">You have no records yet to choose from.</p>;
  return (
    <fieldset className="checkbox-group">
      <legend>Records</legend>
      {records.map((record) => (
        <label key={record.id} className="checkbox">
          <input
            type="checkbox"
            checked={selected.includes(record.id)}
            onChange={(event) => {
              onChange(event.target.checked ? [...selected, record.id] : selected.filter((id) => id !== record.id));
            }}
          />
          <span>
            {recordLabel(record)} <Time iso={record.at} />
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Typed record IDs: the text stays as typed, the IDs are what it parses to. */
function RecordIdsInput({ initial, onChange }: { initial: readonly string[]; onChange: (ids: string[]) => void }) {
  const [text, setText] = useState(initial.join(', '));
  return (
    <TextField
      label="Record IDs"
      hint="One or more record IDs, separated by commas or spaces"
      value={text}
      onChange={(typed) => {
        setText(typed);
        onChange(typed.split(/[\s,]+/).filter((id) => id !== ''));
      }}
    />
  );
}

/**
 * Chooses what a grant or request covers. With `records` (the patient's own), specific records are
 * ticked from a list; without (a professional asking), their IDs are typed.
 */
export function ScopeFields({ value, onChange, records, allowedCategories }: { value: ScopeDraft; onChange: (draft: ScopeDraft) => void; records?: readonly PatientRecord[]; allowedCategories?: readonly Category[] }) {
  const name = useId();
  const categoryOptions = allowedCategories === undefined ? CATEGORY_OPTIONS : CATEGORY_OPTIONS.filter((option) => allowedCategories.includes(option.value));
  return (
    <div className="scope-fields">
      <fieldset>
        <legend>What it covers</legend>
        <label className="checkbox">
          <input type="radio" name={name} checked={value.kind === 'categories'} onChange={() => { onChange({ kind: 'categories', categories: [] }); }} />
          Whole categories
        </label>
        <label className="checkbox">
          <input type="radio" name={name} checked={value.kind === 'records'} onChange={() => { onChange({ kind: 'records', recordIds: [] }); }} />
          Specific records only
        </label>
      </fieldset>
      {value.kind === 'categories' ? (
        <CheckboxGroup
          legend="Categories"
          options={categoryOptions}
          selected={value.categories}
          onChange={(selected) => {
            onChange({ kind: 'categories', categories: selected.filter(isCategory) });
          }}
        />
      ) : records === undefined ? (
        <RecordIdsInput initial={value.recordIds} onChange={(recordIds) => { onChange({ kind: 'records', recordIds }); }} />
      ) : (
        <RecordChoices records={records} selected={value.recordIds} onChange={(recordIds) => { onChange({ kind: 'records', recordIds }); }} />
      )}
    </div>
  );
}
