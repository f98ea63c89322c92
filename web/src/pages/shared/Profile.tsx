import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/problem';
import { OutcomeMessage } from '../../components/Feedback';
import { TextAreaField, TextField } from '../../components/Fields';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { useMe } from '../../session';
import { DirectoryCard } from '../care/DirectorySearch';
import type { DirectoryEntry } from '../care/types';

/** The most specialties a listing holds (the gateway's DIRECTORY_LIMITS). */
const MAX_SPECIALTIES = 10;

/** The caller's entry, or undefined while it has none (the API answers 404 NOT_FOUND then). */
async function loadOwnEntry(): Promise<DirectoryEntry | undefined> {
  try {
    return await ok(api.GET('/me/directory-entry'));
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return undefined;
    throw error;
  }
}

/** "cardiology, sports medicine" → ['cardiology', 'sports medicine'], blanks and repeats dropped. */
function specialtiesOf(text: string): string[] {
  return [...new Set(text.split(',').map((part) => part.trim()).filter((part) => part !== ''))];
}

function EntryForm({ entry, onSaved }: { entry: DirectoryEntry | undefined; onSaved: (entry: DirectoryEntry) => void }) {
  const me = useMe();
  const [displayName, setDisplayName] = useState(entry?.displayName ?? me.displayName);
  const [specialties, setSpecialties] = useState(entry?.specialties.join(', ') ?? '');
  const [city, setCity] = useState(entry?.city ?? '');
  const [about, setAbout] = useState(entry?.about ?? '');
  const save = useAction();

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void save.run(async () => {
      const list = specialtiesOf(specialties);
      if (list.length > MAX_SPECIALTIES) throw new Error(`List at most ${MAX_SPECIALTIES} specialties (you gave ${list.length}).`);
      const body = { displayName: displayName.trim(), specialties: list, ...(city.trim() === '' ? {} : { city: city.trim() }), ...(about.trim() === '' ? {} : { about: about.trim() }) };
      const saved = await ok(api.PUT('/me/directory-entry', { body }));
      onSaved(saved);
      return me.stakeholderStatus === 'active' ? 'Your listing is saved; patients can find it now.' : 'Your listing is saved; patients see it once an administrator has verified you.';
    });
  };

  return (
    <form onSubmit={submit} aria-label="Your directory listing">
      <TextField label="Display name" hint="The name patients see" value={displayName} onChange={setDisplayName} required maxLength={120} />
      <TextField label="Specialties" hint="Separated by commas, at most 10, e.g. cardiology, sports medicine" value={specialties} onChange={setSpecialties} maxLength={700} />
      <TextField label="City" value={city} onChange={setCity} maxLength={80} />
      <TextAreaField label="About" hint="Plain text, at most 500 characters" value={about} onChange={setAbout} maxLength={500} />
      <div className="actions">
        <button type="submit" className="primary">
          Save listing
        </button>
      </div>
      <OutcomeMessage outcome={save.outcome} />
    </form>
  );
}

/** A professional's own listing in the directory patients search: display data only, never health data. */
export function ProfilePage() {
  const { state } = useLoad(loadOwnEntry, []);
  const [saved, setSaved] = useState<DirectoryEntry>();
  return (
    <Page title="Directory listing" intro="How patients find you in the directory. Everything here is public: write no health data.">
      <Load state={state}>
        {(entry) => {
          const shown = saved ?? entry;
          return (
            <>
              <Section title="Edit your listing">
                <EntryForm entry={entry} onSaved={setSaved} />
              </Section>
              <Section title="What patients see">{shown === undefined ? <p className="empty">You have no listing yet.</p> : <DirectoryCard entry={shown} />}</Section>
            </>
          );
        }}
      </Load>
    </Page>
  );
}
