import './care.css';
import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Fields';
import { useAction } from '../../components/hooks';
import type { DirectoryEntry } from './types';

type ProviderRole = 'doctor' | 'hospital';
const ROLE_LABEL: Readonly<Record<ProviderRole, string>> = { doctor: 'Doctors', hospital: 'Hospitals and labs' };

/**
 * Finds verified doctors or hospitals in the directory by specialty or by any text (name, city),
 * and hands the one the person picks to the page. Only listed (verified, active) entries come back.
 */
export function DirectorySearch({ roles, chosen, onChoose }: { roles: readonly ProviderRole[]; chosen: DirectoryEntry | undefined; onChoose: (entry: DirectoryEntry) => void }) {
  const [role, setRole] = useState<ProviderRole>(roles[0] ?? 'doctor');
  const [specialty, setSpecialty] = useState('');
  const [text, setText] = useState('');
  const [results, setResults] = useState<DirectoryEntry[]>();
  const search = useAction();

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void search.run(async () => {
      const query = { role, ...(specialty.trim() === '' ? {} : { specialty: specialty.trim() }), ...(text.trim() === '' ? {} : { q: text.trim() }), limit: 50 };
      const page = await ok(api.GET('/directory', { params: { query } }));
      setResults(page.items);
      return page.items.length === 1 ? 'Found 1 listing.' : `Found ${page.items.length} listings.`;
    });
  };

  return (
    <div className="directory-search">
      <form onSubmit={submit} aria-label="Search the directory">
        {roles.length > 1 ? (
          <SelectField label="Kind of provider" value={role} onChange={(value) => { setRole(value as ProviderRole); }} options={roles.map((value) => ({ value, label: ROLE_LABEL[value] }))} />
        ) : null}
        <TextField label="Specialty" hint="The whole specialty, e.g. cardiology or MRI" value={specialty} onChange={setSpecialty} maxLength={60} />
        <TextField label="Name, city or description contains" value={text} onChange={setText} maxLength={100} />
        <div className="actions">
          <button type="submit" className="primary">
            Search the directory
          </button>
        </div>
      </form>
      <OutcomeMessage outcome={search.outcome} />
      {results === undefined ? null : results.length === 0 ? (
        <Empty>Nobody listed matches: try another specialty or fewer words.</Empty>
      ) : (
        <ul className="care-list" aria-label="Directory results">
          {results.map((entry) => (
            <li key={entry.stakeholderId} className={chosen?.stakeholderId === entry.stakeholderId ? 'care-item chosen' : 'care-item'}>
              <DirectoryCard entry={entry} />
              <div className="actions">
                <button type="button" aria-pressed={chosen?.stakeholderId === entry.stakeholderId} onClick={() => { onChoose(entry); }}>
                  Choose {entry.displayName}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A listing as people read it: name, specialties, city and what they say about themselves (as text). */
export function DirectoryCard({ entry }: { entry: DirectoryEntry }) {
  return (
    <div>
      <strong>{entry.displayName}</strong>
      {entry.city === undefined ? null : <span className="care-muted"> · {entry.city}</span>}
      {entry.specialties.length === 0 ? null : <p className="care-tags">{entry.specialties.join(', ')}</p>}
      {entry.about === undefined ? null : <p className="care-about">{entry.about}</p>}
    </div>
  );
}
