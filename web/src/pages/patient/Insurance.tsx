import { useState } from 'react';
import { api, ok } from '../../api/client';
import { Table, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { ApplicationStatusBadge, Money } from '../../components/InsuranceDisplay';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { ResultNotice } from '../../components/ResultNotice';
import { useAction, useLoad } from '../../components/hooks';
import type { InsuranceApplication } from '../../lib/insurance';
import { allPages } from '../../lib/paging';
import { useMe } from '../../session';
import { OfferCard } from './insurance-apply';
import { PolicyCard } from './insurance-policy';

/** The packages on offer (latest versions), the insurers' directory names, and the patient's files to share. */
async function loadOffers(patientId: string) {
  const [packages, insurers, files] = await Promise.all([
    allPages((cursor) => ok(api.GET('/insurance/packages', { params: { query: { limit: 100, cursor } } }))),
    allPages((cursor) => ok(api.GET('/directory', { params: { query: { role: 'insurer', limit: 100, cursor } } }))),
    allPages((cursor) => ok(api.GET('/patients/{patientId}/files', { params: { path: { patientId }, query: { limit: 100, cursor } } }))),
  ]);
  const names = new Map(insurers.items.map((entry) => [entry.stakeholderId, entry.displayName]));
  return { packages: packages.items, names, files: files.items };
}

/** What became of an application, in words. */
function ApplicationOutcome({ application }: { application: InsuranceApplication }) {
  if (application.policyId !== undefined) return <>Policy {application.policyId}</>;
  if (application.mismatches !== undefined) return <>The insurer offered different {application.mismatches.join(' and ')}: no policy</>;
  if (application.recommendedPackageId !== undefined) return <>The insurer recommends {application.recommendedPackageId}</>;
  return <>—</>;
}

/** An unanswered application may be withdrawn once its deadline has passed. */
function Withdraw({ application, onDone }: { application: InsuranceApplication; onDone: () => void }) {
  const { outcome, run } = useAction();
  if (application.status !== 'pending' || new Date(application.responseDeadline).getTime() > Date.now()) return null;
  return (
    <>
      <button
        type="button"
        onClick={() => {
          void run(async () => {
            await ok(api.POST('/insurance/applications/{applicationId}/withdrawal', { params: { path: { applicationId: application.id } } }));
            onDone();
            return `Withdrew ${application.id}.`;
          });
        }}
      >
        Withdraw {application.id}
      </button>
      <OutcomeMessage outcome={outcome} />
    </>
  );
}

function Applications({ patientId }: { patientId: string }) {
  const { state, reload } = useLoad(() => allPages((cursor) => ok(api.GET('/patients/{patientId}/insurance/applications', { params: { path: { patientId }, query: { limit: 100, cursor } } }))), [patientId]);
  return (
    <Section title="My applications">
      <Load state={state}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>You have not applied for a package.</Empty>
          ) : (
            <div className="insure-table">
<Table caption="Your insurance applications" headers={['Application', 'Package', 'Price', 'Applied', 'Answer by', 'Status', 'Outcome']}>
              {items.map((application) => (
                <tr key={application.id}>
                  <td>{application.id}</td>
                  <td>
                    {application.packageId} v{application.packageVersion}
                  </td>
                  <td>
                    <Money minor={application.lockedPriceMinor} currency={application.currency} />
                  </td>
                  <td>
                    <Time iso={application.appliedAt} />
                  </td>
                  <td>
                    <Time iso={application.responseDeadline} />
                  </td>
                  <td>
                    <ApplicationStatusBadge status={application.status} />
                  </td>
                  <td>
                    <ApplicationOutcome application={application} />
                    <Withdraw application={application} onDone={reload} />
                  </td>
                </tr>
              ))}
            </Table>
</div>
          )
        }
      </Load>
    </Section>
  );
}

function Policies({ patientId }: { patientId: string }) {
  const { state } = useLoad(() => allPages((cursor) => ok(api.GET('/patients/{patientId}/insurance/policies', { params: { path: { patientId }, query: { limit: 100, cursor } } }))), [patientId]);
  return (
    <Section title="My policies and claims">
      <Load state={state}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No policies yet. A policy starts when the insurer answers your application with the terms and price you accepted.</Empty>
          ) : (
            <div className="stack">
              {items.map((policy) => (
                <PolicyCard key={policy.id} policy={policy} />
              ))}
            </div>
          )
        }
      </Load>
    </Section>
  );
}

/** The patient's insurance: browse packages, apply sharing chosen records in one step, follow applications, policies and claims. */
export function InsurancePage() {
  const me = useMe();
  const [notice, setNotice] = useState<string>();
  const [applied, setApplied] = useState(0);
  const offers = useLoad(() => loadOffers(me.stakeholderId), [me.stakeholderId]);
  const onApplied = (message: string) => {
    setNotice(message);
    setApplied((value) => value + 1);
  };
  return (
    <Page title="Insurance" intro="Applying accepts a package's terms by their SHA-256 and locks its price. Records you choose to share are visible to the insurer only until it decides.">
      <Section title="Packages on offer">
        <ResultNotice message={notice} />
        <Load state={offers.state}>
          {({ packages, names, files }) =>
            packages.length === 0 ? (
              <Empty>No insurer offers a package yet.</Empty>
            ) : (
              <div className="stack">
                {packages.map((offer) => (
                  <OfferCard key={`${offer.packageId}-${offer.latestVersion}`} offer={offer} insurerName={names.get(offer.insurerId) ?? offer.insurerId} files={files} onApplied={onApplied} />
                ))}
              </div>
            )
          }
        </Load>
      </Section>
      <Applications key={`applications-${applied}`} patientId={me.stakeholderId} />
      <Policies patientId={me.stakeholderId} />
    </Page>
  );
}
