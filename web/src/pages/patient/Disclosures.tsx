import '../../components/consent/consent.css';
import { useEffect, useState } from 'react';
import { api, ok } from '../../api/client';
import { OutcomeMessage, Empty } from '../../components/Feedback';
import { useAction } from '../../components/hooks';
import { Page, Section } from '../../components/Page';
import { alertOf, DisclosureTable } from '../../components/consent/DisclosureTable';
import type { AccessLogEntry } from '../../components/consent/vocabulary';
import { DisclosureExports } from './disclosures/DisclosureExports';
import { DisclosureFilters, type DisclosureFilter } from './disclosures/DisclosureFilters';

const PAGE_SIZE = 25;

interface Loaded {
  entries: AccessLogEntry[];
  nextCursor: string | null;
}

function Entries({ loaded, busy, filtered }: { loaded: Loaded | undefined; busy: boolean; filtered: boolean }) {
  if (loaded === undefined) {
    return (
      <p className="loading" aria-busy={busy}>
        {busy ? 'Loading…' : null}
      </p>
    );
  }
  if (loaded.entries.length === 0) return <Empty>No one else accessed your data{filtered ? ' matching these filters' : ''}.</Empty>;
  const alerts = loaded.entries.filter((entry) => alertOf(entry) !== undefined).length;
  return (
    <>
      {alerts === 0 ? null : (
        <p className="message warn">
          {alerts === 1 ? '1 entry' : `${alerts} entries`} below {alerts === 1 ? 'is' : 'are'} emergency access (break-glass) or a refused attempt, highlighted.
        </p>
      )}
      <DisclosureTable entries={loaded.entries} caption="Accesses to your data, newest first" />
    </>
  );
}

/**
 * The accounting of disclosures: every access to the patient's data by someone else, allowed or
 * refused, newest first, filtered as the API allows, page after page, and exported.
 */
export function DisclosuresPage() {
  const [filter, setFilter] = useState<DisclosureFilter>({});
  const [loaded, setLoaded] = useState<Loaded>();
  const { outcome, run } = useAction();

  const readPage = async (cursor: string | undefined, previous: AccessLogEntry[]) => {
    const page = await ok(api.GET('/me/access-log', { params: { query: { limit: PAGE_SIZE, ...filter, ...(cursor === undefined ? {} : { cursor }) } } }));
    const entries = [...previous, ...page.items];
    setLoaded({ entries, nextCursor: page.nextCursor });
    return entries.length === 0 ? 'No entries match.' : `Showing ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}${page.nextCursor === null ? ', all there are' : ''}.`;
  };

  useEffect(() => {
    setLoaded(undefined);
    void run(() => readPage(undefined, []));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new filter starts from the first page
  }, [filter]);

  return (
    <Page title="Accounting of disclosures" intro="Every time someone read, changed or tried to reach your data (others, and your own changes as You): who, what, when, why, on what basis, and whether it was allowed.">
      <Section title="Filters">
        <DisclosureFilters onApply={setFilter} />
      </Section>
      <Section title="Accesses">
        <Entries loaded={loaded} busy={outcome.kind !== 'failed'} filtered={Object.keys(filter).length > 0} />
        {loaded === undefined || loaded.nextCursor === null ? null : (
          <div className="actions">
            <button type="button" onClick={() => void run(() => readPage(loaded.nextCursor ?? undefined, loaded.entries))}>
              Show more
            </button>
          </div>
        )}
        <OutcomeMessage outcome={outcome} />
      </Section>
      <Section title="Download">
        <DisclosureExports filter={filter} />
      </Section>
    </Page>
  );
}
