import { useState } from 'react';
import { api, ok } from '../../../api/client';
import { SelectField, TextField } from '../../../components/Fields';
import { useLoad } from '../../../components/hooks';
import { Load } from '../../../components/Load';
import { allPages } from '../../../lib/paging';
import { PROFESSIONAL_ROLES, ROLE_LABELS, type ProfessionalRole } from '../../../components/consent/vocabulary';

const OTHER = '';

/**
 * The professional to grant to, chosen from the directory by role; one who is not listed is
 * named by the ID they gave the patient.
 */
export function GranteePicker({ value, onChange }: { value: string; onChange: (granteeId: string) => void }) {
  const [role, setRole] = useState<ProfessionalRole>('doctor');
  const [typed, setTyped] = useState(false);
  const { state } = useLoad(async () => (await allPages((cursor) => ok(api.GET('/directory', { params: { query: { role, limit: 100, ...(cursor === undefined ? {} : { cursor }) } } })))).items, [role]);
  return (
    <>
      <SelectField
        label="Kind of professional"
        value={role}
        options={PROFESSIONAL_ROLES.map((code) => ({ value: code, label: ROLE_LABELS[code] }))}
        onChange={(chosen) => {
          setRole(PROFESSIONAL_ROLES.find((code) => code === chosen) ?? 'doctor');
          setTyped(false);
          onChange('');
        }}
      />
      <Load state={state}>
        {(entries) => (
          <SelectField
            label="Who"
            hint={entries.length === 0 ? 'No one of this kind is listed in the directory yet: enter their ID below.' : 'From the directory of verified professionals'}
            value={typed ? OTHER : value}
            required
            options={[
              { value: OTHER, label: entries.length === 0 ? 'Not listed: enter their ID' : 'Choose…' },
              ...entries.map((entry) => ({ value: entry.stakeholderId, label: `${entry.displayName}${entry.city === undefined ? '' : `, ${entry.city}`}${entry.specialties.length === 0 ? '' : ` (${entry.specialties.join(', ')})`}` })),
              ...(entries.length === 0 ? [] : [{ value: 'other', label: 'Someone not listed: enter their ID' }]),
            ]}
            onChange={(chosen) => {
              setTyped(chosen === 'other');
              onChange(chosen === 'other' ? '' : chosen);
            }}
          />
        )}
      </Load>
      {typed || (state.status === 'ready' && state.data.length === 0) ? <TextField label="Their ID" hint="The ID the professional gave you, e.g. doc-…" value={value} onChange={onChange} required /> : null}
    </>
  );
}
