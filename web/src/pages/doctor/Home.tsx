import '../../components/consent/consent.css';
import { api, ok } from '../../api/client';
import { Empty } from '../../components/Feedback';
import { useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { GrantStatus, GrantTerms } from '../../components/consent/GrantTerms';
import { allPages } from '../../lib/paging';
import type { Grant } from '../../components/consent/vocabulary';
import { Link } from '../../router';

/** Grants that let the doctor in now or later; expired, ended and revoked ones are history. */
const CURRENT: readonly Grant['effectiveStatus'][] = ['active', 'not-yet-valid'];

function byPatient(grants: readonly Grant[]): [string, Grant[]][] {
  const groups = new Map<string, Grant[]>();
  for (const grant of grants) groups.set(grant.patientId, [...(groups.get(grant.patientId) ?? []), grant]);
  return [...groups.entries()];
}

/** Grants as a list: status, ID and what each covers (the same in force and after). */
function GrantList({ grants }: { grants: readonly Grant[] }) {
  return (
    <ul className="plain-list">
      {grants.map((grant) => (
        <li key={grant.id} className="card-item">
          <p className="item-heading">
            <GrantStatus grant={grant} /> <code>{grant.id}</code>
          </p>
          <GrantTerms grant={grant} show="patient" />
        </li>
      ))}
    </ul>
  );
}

function PatientGrants({ patientId, grants }: { patientId: string; grants: readonly Grant[] }) {
  const headingId = `patient-${patientId}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <div className="card-heading">
        <h3 id={headingId}>
          Patient <code>{patientId}</code>
        </h3>
        <Link to="/patient-records" query={{ patient: patientId }} className="button">
          Patient records of {patientId}
        </Link>
      </div>
      <GrantList grants={grants} />
    </article>
  );
}

/** The doctor's patients: everyone whose consent lets the doctor in, what it covers, until when. */
export function HomePage() {
  const { state } = useLoad(async () => (await allPages((cursor) => ok(api.GET('/me/consents', { params: { query: { limit: 100, ...(cursor === undefined ? {} : { cursor }) } } })))).items, []);
  return (
    <Page title="My patients" intro="The patients whose consent lets you in, what each consent covers, and until when (your time zone).">
      <Load state={state}>
        {(grants) => {
          const current = byPatient(grants.filter((grant) => CURRENT.includes(grant.effectiveStatus)));
          const past = grants.filter((grant) => !CURRENT.includes(grant.effectiveStatus));
          return (
            <>
              <Section title="Consents in force">
                {current.length === 0 ? (
                  <Empty>
                    No patient has given you access yet. <Link to="/access-requests">Ask a patient for access</Link>.
                  </Empty>
                ) : (
                  current.map(([patientId, patientGrants]) => <PatientGrants key={patientId} patientId={patientId} grants={patientGrants} />)
                )}
              </Section>
              <Section title="Ended, expired and revoked">
                {past.length === 0 ? (
                  <Empty>None.</Empty>
                ) : (
                  <GrantList grants={past} />
                )}
              </Section>
            </>
          );
        }}
      </Load>
    </Page>
  );
}
