import '../../components/consent/consent.css';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { Empty } from '../../components/Feedback';
import { useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { allPages } from '../../lib/paging';
import { loadOwnRecords } from '../../components/consent/patient-records';
import type { Grant } from '../../components/consent/vocabulary';
import { useMe } from '../../session';
import { GrantForm } from './consents/GrantForm';
import { GrantItem } from './consents/GrantItem';

const GROUPS = [
  { title: 'Active', statuses: ['active', 'not-yet-valid'], empty: 'No one has access to your data through a consent now.' },
  { title: 'Expired and ended', statuses: ['expired', 'ended'], empty: 'No consent has run out yet.' },
  { title: 'Revoked', statuses: ['revoked'], empty: 'You have not revoked any consent.' },
] as const satisfies readonly { title: string; statuses: readonly Grant['effectiveStatus'][]; empty: string }[];

/** The patient's consents: every grant by status, giving a new one, and revoking. */
export function ConsentsPage() {
  const me = useMe();
  const patientId = me.stakeholderId;
  const [revoked, setRevoked] = useState<string>();
  const grants = useLoad(async () => {
    const all = await allPages((cursor) => ok(api.GET('/patients/{patientId}/consents', { params: { path: { patientId }, query: { limit: 100, ...(cursor === undefined ? {} : { cursor }) } } })));
    return all.items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }, [patientId, revoked]);
  const records = useLoad(() => loadOwnRecords(patientId), [patientId]);
  return (
    <Page title="Consents" intro="Who may see or add to your records, for what purpose, and until when. Times are in your time zone.">
      {revoked === undefined ? null : (
        <p className="message success" role="status">
          {revoked}
        </p>
      )}
      {GROUPS.map((group) => (
        <Section key={group.title} title={group.title}>
          <Load state={grants.state}>
            {(all) => {
              const inGroup = all.filter((grant) => (group.statuses as readonly string[]).includes(grant.effectiveStatus));
              return inGroup.length === 0 ? (
                <Empty>{group.empty}</Empty>
              ) : (
                <ul className="plain-list">
                  {inGroup.map((grant) => (
                    <GrantItem key={grant.id} grant={grant} onRevoked={setRevoked} />
                  ))}
                </ul>
              );
            }}
          </Load>
        </Section>
      ))}
      <Section title="Give consent">
        <Load state={records.state}>{(own) => <GrantForm records={own} onGranted={grants.reload} />}</Load>
      </Section>
    </Page>
  );
}
