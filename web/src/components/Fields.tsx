import { useId, type ReactNode } from 'react';

/** A labelled input: every field has a visible label tied to it, and an optional hint. */
export function Field({ label, hint, children }: { label: string; hint?: string; children: (id: string, describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, hintId)}
      {hint === undefined ? null : (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

export function TextField({ label, hint, value, onChange, required, type = 'text', ...rest }: { label: string; hint?: string; value: string; onChange: (value: string) => void; required?: boolean; type?: string; min?: string; max?: string; maxLength?: number; placeholder?: string; name?: string }) {
  return (
    <Field label={label} {...(hint === undefined ? {} : { hint })}>
      {(id, describedBy) => (
        <input
          id={id}
          type={type}
          value={value}
          required={required}
          aria-describedby={describedBy}
          onChange={(event) => {
            onChange(event.target.value);
          }}
          {...rest}
        />
      )}
    </Field>
  );
}

export function SelectField({ label, hint, value, onChange, options, required }: { label: string; hint?: string; value: string; onChange: (value: string) => void; options: readonly { value: string; label: string }[]; required?: boolean }) {
  return (
    <Field label={label} {...(hint === undefined ? {} : { hint })}>
      {(id, describedBy) => (
        <select
          id={id}
          value={value}
          required={required}
          aria-describedby={describedBy}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function TextAreaField({ label, hint, value, onChange, required, maxLength }: { label: string; hint?: string; value: string; onChange: (value: string) => void; required?: boolean; maxLength?: number }) {
  return (
    <Field label={label} {...(hint === undefined ? {} : { hint })}>
      {(id, describedBy) => (
        <textarea
          id={id}
          value={value}
          required={required}
          maxLength={maxLength}
          aria-describedby={describedBy}
          rows={3}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        />
      )}
    </Field>
  );
}

/** A group of checkboxes with a legend (e.g. the categories a grant covers). */
export function CheckboxGroup({ legend, options, selected, onChange }: { legend: string; options: readonly { value: string; label: string }[]; selected: readonly string[]; onChange: (selected: string[]) => void }) {
  return (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="checkbox">
          <input
            type="checkbox"
            checked={selected.includes(option.value)}
            onChange={(event) => {
              onChange(event.target.checked ? [...selected, option.value] : selected.filter((value) => value !== option.value));
            }}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
