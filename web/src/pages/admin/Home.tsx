import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/generated/schema';
import { Table, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { TextField } from '../../components/Fields';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { ResultNotice } from '../../components/ResultNotice';
import { useAction, useLoad } from '../../components/hooks';
import { allPages } from '../../lib/paging';
import { sha256Hex } from '../../lib/sha256';
import '../../components/insurance.css';

type Stakeholder = components['schemas']['Stakeholder'];
type ProfessionalRole = components['schemas']['DirectoryEntry']['role'];
type StakeholderStatus = Stakeholder['status'];

/** The professionals an administrator verifies: the roles the directory lists (a Record, so a new one fails the build here). */
const ROLE_NAMES: Readonly<Record<ProfessionalRole, string>> = { doctor: 'Doctor', hospital: 'Hospital or lab', pharmacy: 'Pharmacy', insurer: 'Insurer' };
const PROFESSIONAL_ROLES = Object.keys(ROLE_NAMES) as ProfessionalRole[];

async function listed(role: ProfessionalRole, status: StakeholderStatus): Promise<Stakeholder[]> {
  return (await allPages((cursor) => ok(api.GET('/stakeholders', { params: { query: { role, status, limit: 100, cursor } } })))).items;
}

/** Every professional by status, and the display names of those the directory lists (active ones with an entry). */
async function loadProfessionals() {
  const [byRole, directory] = await Promise.all([
    Promise.all(PROFESSIONAL_ROLES.map(async (role) => ({ pending: await listed(role, 'pending'), active: await listed(role, 'active'), suspended: await listed(role, 'suspended') }))),
    allPages((cursor) => ok(api.GET('/directory', { params: { query: { limit: 100, cursor } } }))),
  ]);
  return {
    pending: byRole.flatMap((lists) => lists.pending),
    active: byRole.flatMap((lists) => lists.active),
    suspended: byRole.flatMap((lists) => lists.suspended),
    names: new Map(directory.items.map((entry) => [entry.stakeholderId, entry.displayName])),
  };
}

const roleName = (role: Stakeholder['role']): string => (role in ROLE_NAMES ? ROLE_NAMES[role as ProfessionalRole] : role);

/** The licence reference is checked off chain by the admin; only its SHA-256, computed here, is recorded. */
function VerifyForm({ stakeholder, onDone }: { stakeholder: Stakeholder; onDone: (message: string) => void }) {
  const [reference, setReference] = useState('');
  const { outcome, run } = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      if (reference.trim() === '') throw new Error('Licence reference: type the reference you checked.');
      const verified = await ok(api.POST('/stakeholders/{stakeholderId}/verification', { params: { path: { stakeholderId: stakeholder.id } }, body: { licenceHash: await sha256Hex(reference.trim()) } }));
      const message = `${verified.id} (${roleName(verified.role).toLowerCase()}) is verified and now ${verified.status}.`;
      onDone(message);
      return message;
    });
  };
  return (
    <form onSubmit={submit} className="row-form" aria-label={`Verify ${stakeholder.id}`}>
      <TextField label={`Licence reference of ${stakeholder.id}`} hint="Only its SHA-256 is recorded" value={reference} onChange={setReference} maxLength={200} required />
      <button type="submit" className="primary" disabled={outcome.kind === 'busy'}>
        Verify<span className="visually-hidden"> {stakeholder.id}</span>
      </button>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

/** Suspending and reinstating: one button each, whose outcome shows in the row until the lists reload. */
function StatusButton({ stakeholder, onDone }: { stakeholder: Stakeholder; onDone: (message: string) => void }) {
  const { outcome, run } = useAction();
  const suspend = stakeholder.status === 'active';
  const act = () => {
    void run(async () => {
      const path = { params: { path: { stakeholderId: stakeholder.id } } };
      const changed = suspend ? await ok(api.POST('/stakeholders/{stakeholderId}/suspension', path)) : await ok(api.DELETE('/stakeholders/{stakeholderId}/suspension', path));
      const message = `${changed.id} is now ${changed.status}.`;
      onDone(message);
      return message;
    });
  };
  return (
    <>
      <button type="button" className={suspend ? 'danger' : undefined} onClick={act} disabled={outcome.kind === 'busy'}>
        {suspend ? 'Suspend' : 'Reinstate'}
        <span className="visually-hidden"> {stakeholder.id}</span>
      </button>
      <OutcomeMessage outcome={outcome} />
    </>
  );
}

function ProfessionalsTable({ caption, stakeholders, names, onDone, when }: { caption: string; stakeholders: readonly Stakeholder[]; names: ReadonlyMap<string, string>; onDone: (message: string) => void; when: (stakeholder: Stakeholder) => string | undefined }) {
  return (
    <div className="insure-table">
      <Table caption={caption} headers={['Professional', 'Role', 'Since', 'Action']}>
        {stakeholders.map((stakeholder) => (
          <tr key={stakeholder.id}>
            <td>
              {names.get(stakeholder.id) ?? <span className="muted">not listed in the directory</span>}
              <br />
              <code>{stakeholder.id}</code>
            </td>
            <td>{roleName(stakeholder.role)}</td>
            <td>
              <Time iso={when(stakeholder)} />
            </td>
            <td>
              <StatusButton stakeholder={stakeholder} onDone={onDone} />
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

/** Verify pending professionals (licence reference hashed in the browser); suspend and reinstate. */
export function HomePage() {
  const { state, reload } = useLoad(loadProfessionals, []);
  const [notice, setNotice] = useState<string>();
  const done = (message: string) => {
    setNotice(message);
    reload();
  };
  return (
    <Page title="Verify professionals" intro="Professionals register when they first sign in and stay pending until you verify their licence. A suspended professional's every transaction is refused.">
      <ResultNotice message={notice} />
      <Load state={state}>
        {({ pending, active, suspended, names }) => (
          <>
            <Section title="Waiting for verification">
              {pending.length === 0 ? (
                <Empty>Nobody is waiting for verification.</Empty>
              ) : (
                <div className="stack">
                  {pending.map((stakeholder) => (
                    <article key={stakeholder.id} className="item-card" aria-labelledby={`pending-${stakeholder.id}`}>
                      <h3 id={`pending-${stakeholder.id}`}>
                        {roleName(stakeholder.role)} <code>{stakeholder.id}</code>
                      </h3>
                      <p>
                        Registered <Time iso={stakeholder.registeredAt} /> through {stakeholder.mspId}
                      </p>
                      <VerifyForm stakeholder={stakeholder} onDone={done} />
                    </article>
                  ))}
                </div>
              )}
            </Section>
            <Section title="Active professionals">
              {active.length === 0 ? <Empty>No active professionals.</Empty> : <ProfessionalsTable caption="Active professionals" stakeholders={active} names={names} onDone={done} when={(stakeholder) => stakeholder.verifiedAt} />}
            </Section>
            <Section title="Suspended professionals">
              {suspended.length === 0 ? <Empty>Nobody is suspended.</Empty> : <ProfessionalsTable caption="Suspended professionals" stakeholders={suspended} names={names} onDone={done} when={(stakeholder) => stakeholder.suspendedAt} />}
            </Section>
          </>
        )}
      </Load>
    </Page>
  );
}
