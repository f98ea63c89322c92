import '../../components/consent/consent.css';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { Empty } from '../../components/Feedback';
import { useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { Time } from '../../components/Display';
import { alertOf, DisclosureTable } from '../../components/consent/DisclosureTable';
import { GrantTerms } from '../../components/consent/GrantTerms';
import { loadOwnRecords } from '../../components/consent/patient-records';
import { allPages } from '../../lib/paging';
import { Link } from '../../router';
import { useMe } from '../../session';
import { RequestDecision } from './home/RequestDecision';

const DAY_MS = 24 * 3_600_000;
/** Grants ending within this many days are "about to expire". */
const EXPIRING_DAYS = 7;
/** Disclosures this recent count as new on the home page; the accounting page has them all. */
const RECENT_DAYS = 7;

function PendingRequests({ patientId, onDecided }: { patientId: string; onDecided: () => void }) {
  const [decided, setDecided] = useState<string>();
  const { state, reload } = useLoad(async () => {
    const [requests, records] = await Promise.all([
      allPages((cursor) => ok(api.GET('/patients/{patientId}/access-requests', { params: { path: { patientId }, query: { limit: 100, ...(cursor === undefined ? {} : { cursor }) } } }))),
      loadOwnRecords(patientId),
    ]);
    return { pending: requests.items.filter((request) => request.effectiveStatus === 'pending'), records };
  }, [patientId]);
  return (
    <Section title="Access requests waiting for you">
      {decided === undefined ? null : (
        <p className="message success" role="status">
          {decided}
        </p>
      )}
      <Load state={state}>
        {({ pending, records }) =>
          pending.length === 0 ? (
            <Empty>No one is waiting for your answer.</Empty>
          ) : (
            pending.map((request) => (
              <RequestDecision
                key={request.id}
                request={request}
                records={records}
                onDecided={(message) => {
                  setDecided(message);
                  reload();
                  onDecided();
                }}
              />
            ))
          )
        }
      </Load>
    </Section>
  );
}

function ExpiringGrants({ patientId, reloadKey }: { patientId: string; reloadKey: number }) {
  const { state } = useLoad(async () => {
    const grants = await allPages((cursor) => ok(api.GET('/patients/{patientId}/consents', { params: { path: { patientId }, query: { limit: 100, ...(cursor === undefined ? {} : { cursor }) } } })));
    const horizon = Date.now() + EXPIRING_DAYS * DAY_MS;
    return grants.items.filter((grant) => grant.effectiveStatus === 'active' && Date.parse(grant.validUntil) <= horizon).sort((a, b) => a.validUntil.localeCompare(b.validUntil));
  }, [patientId, reloadKey]);
  return (
    <Section title={`Consents ending within ${EXPIRING_DAYS} days`} actions={<Link to="/consents">All consents</Link>}>
      <Load state={state}>
        {(expiring) =>
          expiring.length === 0 ? (
            <Empty>None of your consents ends in the next {EXPIRING_DAYS} days.</Empty>
          ) : (
            <ul className="plain-list">
              {expiring.map((grant) => (
                <li key={grant.id} className="card-item">
                  <p>
                    Ends <Time iso={grant.validUntil} />
                  </p>
                  <GrantTerms grant={grant} show="grantee" />
                </li>
              ))}
            </ul>
          )
        }
      </Load>
    </Section>
  );
}

function NewDisclosures({ patientId }: { patientId: string }) {
  const { state } = useLoad(async () => {
    const from = new Date(Date.now() - RECENT_DAYS * DAY_MS).toISOString();
    // Her own changes are in the log too; what needs her attention is what others did.
    return (await ok(api.GET('/me/access-log', { params: { query: { limit: 50, from } } }))).items.filter((entry) => entry.accessorId !== patientId);
  }, [patientId]);
  return (
    <Section title="Who looked at your data lately" actions={<Link to="/disclosures">Full accounting of disclosures</Link>}>
      <Load state={state}>
        {(entries) => {
          if (entries.length === 0) return <Empty>No one else accessed your data in the last {RECENT_DAYS} days.</Empty>;
          const alerts = entries.filter((entry) => alertOf(entry) !== undefined).length;
          return (
            <>
              {alerts === 0 ? null : (
                <p className="message warn" role="status">
                  {alerts === 1 ? '1 access needs your attention' : `${alerts} accesses need your attention`}: emergency access or refused attempts, highlighted below.
                </p>
              )}
              <DisclosureTable entries={entries} caption={`Accesses to your data in the last ${RECENT_DAYS} days`} />
            </>
          );
        }}
      </Load>
    </Section>
  );
}

/** The patient's home: what needs their attention now. */
export function HomePage() {
  const me = useMe();
  // An approval may create a consent that ends within the week: the list below reads again.
  const [decisions, setDecisions] = useState(0);
  return (
    <Page title="Home" intro="What needs your attention: requests for your data, consents about to end, and who looked at your data.">
      <PendingRequests patientId={me.stakeholderId} onDecided={() => { setDecisions((count) => count + 1); }} />
      <ExpiringGrants patientId={me.stakeholderId} reloadKey={decisions} />
      <NewDisclosures patientId={me.stakeholderId} />
    </Page>
  );
}
