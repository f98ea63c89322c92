import { useState } from 'react';
import { api, ok } from '../../api/client';
import { BarChart, type Bar } from '../../components/BarChart';
import { TextField } from '../../components/Fields';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { useLoad } from '../../components/hooks';

/** Why an access was allowed, in words (the API's bases; an unknown one shows its code). */
const BASIS_LABELS: Readonly<Record<string, string>> = {
  owner: 'The patient themself',
  delegate: 'A delegate',
  grant: 'A consent grant',
  'break-glass': 'Emergency access (break-glass)',
  party: 'A care workflow',
};

const ROLE_LABELS: Readonly<Record<string, string>> = {
  patient: 'Patients',
  doctor: 'Doctors',
  hospital: 'Hospitals and labs',
  pharmacy: 'Pharmacies',
  insurer: 'Insurers',
  regulator: 'Regulators',
  admin: 'Administrators',
};

const barsOf = (counts: Readonly<Record<string, number>>, labels: Readonly<Record<string, string>>): Bar[] =>
  Object.entries(counts).map(([code, value]) => ({ label: labels[code] ?? code, value }));

const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** Counts of accesses on one UTC day, per basis and per accessor role: no patient, no record, no health data. */
export function HomePage() {
  const [day, setDay] = useState(todayUtc);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day);
  const { state } = useLoad(async () => (valid ? ok(api.GET('/audit/statistics', { params: { query: { day } } })) : undefined), [day]);
  return (
    <Page title="Statistics" intro="How often patients' data was accessed, and on what basis. Counts only: no patient, record or health data.">
      <Section title="Accesses on one day">
        <form
          onSubmit={(event) => {
            event.preventDefault();
          }}
        >
          <TextField label="Day (UTC)" hint="Days are counted in UTC, whatever your time zone" type="date" value={day} onChange={setDay} max={todayUtc()} required />
        </form>
        <Load state={state}>
          {(stats) =>
            stats === undefined ? (
              <p className="message warn">Choose a day to see its counts.</p>
            ) : (
              <>
                <p className="total">
                  <strong>{stats.total}</strong> {stats.total === 1 ? 'access' : 'accesses'} on {stats.day} (UTC)
                </p>
                <div className="charts">
                  <BarChart title={`Accesses per basis on ${stats.day}`} dimension="Basis" bars={barsOf(stats.byBasis, BASIS_LABELS)} />
                  <BarChart title={`Accesses per accessor role on ${stats.day}`} dimension="Accessor role" bars={barsOf(stats.byAccessorRole, ROLE_LABELS)} />
                </div>
              </>
            )
          }
        </Load>
      </Section>
    </Page>
  );
}
