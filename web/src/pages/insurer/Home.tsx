import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Table, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Fields';
import { ApplicationStatusBadge, Hash, Money } from '../../components/InsuranceDisplay';
import { Load } from '../../components/Load';
import { ResultNotice } from '../../components/ResultNotice';
import { Page, Section } from '../../components/Page';
import { useAction, useLoad } from '../../components/hooks';
import { APPLICATION_STATUS_LABELS, APPLICATION_STATUSES, type ApplicationStatus, type InsuranceApplication } from '../../lib/insurance';
import { formatDate } from '../../lib/time';
import { minorToMajorText, parseMajorAmount } from '../../lib/money';
import { allPages } from '../../lib/paging';
import { useMe } from '../../session';
import { loadOwnPackages, type OwnPackage } from './own-packages';

/** The insurer's offer for an application: by default the terms and price of the version applied for. */
function offerFor(application: InsuranceApplication, packages: readonly OwnPackage[]): { termsSha256: string; price: string } {
  const version = packages.find((own) => own.latest.packageId === application.packageId)?.versions.find((candidate) => candidate.version === application.packageVersion);
  return {
    termsSha256: version?.termsSha256 ?? '',
    price: minorToMajorText(version?.priceMinor ?? application.lockedPriceMinor, application.currency),
  };
}

function RespondForm({ application, packages, onDone }: { application: InsuranceApplication; packages: readonly OwnPackage[]; onDone: (message: string) => void }) {
  const [offer, setOffer] = useState(() => offerFor(application, packages));
  const { outcome, run } = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      const price = parseMajorAmount(offer.price, application.currency);
      if ('problem' in price) throw new Error(`Price offered: ${price.problem}`);
      const answer = await ok(api.POST('/insurance/applications/{applicationId}/response', { params: { path: { applicationId: application.id } }, body: { termsSha256: offer.termsSha256.trim().toLowerCase(), priceMinor: price.minor } }));
      const message =
        answer.policy === undefined
          ? `${application.id} is recorded as rejected: your offer differed from what the patient accepted (${(answer.application.mismatches ?? []).join(' and ')}). No policy was issued.`
          : `${application.id} is approved: policy ${answer.policy.id} is active until ${formatDate(answer.policy.coverageEnd)}.`;
      onDone(message);
      return message;
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Respond to ${application.id}`}>
      <TextField label="Terms SHA-256 offered" hint="The hash of the terms you offer; it must equal the one the patient accepted" value={offer.termsSha256} onChange={(termsSha256) => { setOffer({ ...offer, termsSha256 }); }} maxLength={64} required />
      <TextField label={`Price offered (${application.currency})`} hint="In major units; it must equal the locked price" value={offer.price} onChange={(price) => { setOffer({ ...offer, price }); }} required />
      <div className="actions">
        <button type="submit" className="primary" disabled={outcome.kind === 'busy'}>
          Send response
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

function DeclineForm({ application, packages, onDone }: { application: InsuranceApplication; packages: readonly OwnPackage[]; onDone: (message: string) => void }) {
  const [recommended, setRecommended] = useState('');
  const { outcome, run } = useAction();
  const others = packages.filter((own) => own.latest.packageId !== application.packageId);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      await ok(api.POST('/insurance/applications/{applicationId}/decline', { params: { path: { applicationId: application.id } }, body: recommended === '' ? {} : { recommendedPackageId: recommended } }));
      const message = recommended === '' ? `Declined ${application.id}.` : `Declined ${application.id}, recommending ${recommended}.`;
      onDone(message);
      return message;
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Decline ${application.id}`}>
      <SelectField
        label="Recommend another package (optional)"
        value={recommended}
        onChange={setRecommended}
        options={[{ value: '', label: 'No recommendation' }, ...others.map((own) => ({ value: own.latest.packageId, label: own.latest.packageId }))]}
      />
      <div className="actions">
        <button type="submit" className="danger" disabled={outcome.kind === 'busy'}>
          Decline application
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

function ApplicationCard({ application, packages, onDone }: { application: InsuranceApplication; packages: readonly OwnPackage[]; onDone: (message: string) => void }) {
  const pending = application.status === 'pending';
  return (
    <article className="item-card" aria-labelledby={`application-${application.id}`}>
      <h3 id={`application-${application.id}`}>
        Application {application.id} <ApplicationStatusBadge status={application.status} />
      </h3>
      <dl className="facts">
        <dt>Package</dt>
        <dd>
          {application.packageId}, version {application.packageVersion}
        </dd>
        <dt>Patient</dt>
        <dd>{application.patientId}</dd>
        <dt>Locked price</dt>
        <dd>
          <Money minor={application.lockedPriceMinor} currency={application.currency} />
        </dd>
        <dt>Accepted terms</dt>
        <dd>
          <Hash value={application.lockedTermsSha256} />
        </dd>
        <dt>Applied</dt>
        <dd>
          <Time iso={application.appliedAt} />
        </dd>
        <dt>Answer by</dt>
        <dd>
          <Time iso={application.responseDeadline} />
        </dd>
        <dt>Shared records</dt>
        <dd>{application.workflowGrantId === undefined ? 'none' : `shared with you for this application (grant ${application.workflowGrantId})`}</dd>
        {application.policyId === undefined ? null : (
          <>
            <dt>Policy</dt>
            <dd>{application.policyId}</dd>
          </>
        )}
        {application.mismatches === undefined ? null : (
          <>
            <dt>What differed</dt>
            <dd>{application.mismatches.join(', ')}</dd>
          </>
        )}
        {application.recommendedPackageId === undefined ? null : (
          <>
            <dt>Recommended instead</dt>
            <dd>{application.recommendedPackageId}</dd>
          </>
        )}
      </dl>
      {pending ? (
        <div className="field-row">
          <RespondForm application={application} packages={packages} onDone={onDone} />
          <DeclineForm application={application} packages={packages} onDone={onDone} />
        </div>
      ) : null}
    </article>
  );
}

async function loadApplications(status: ApplicationStatus, insurerId: string) {
  const [applications, packages] = await Promise.all([
    allPages((cursor) => ok(api.GET('/me/insurance/applications', { params: { query: { status, limit: 100, cursor } } }))),
    loadOwnPackages(insurerId),
  ]);
  return { applications: applications.items, packages };
}

function Policies() {
  const { state } = useLoad(() => allPages((cursor) => ok(api.GET('/me/insurance/policies', { params: { query: { limit: 100, cursor } } }))), []);
  return (
    <Section title="Policies">
      <Load state={state}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No policies yet: a policy is issued when your response matches the accepted terms and price.</Empty>
          ) : (
            <div className="insure-table">
<Table caption="Policies you issued" headers={['Policy', 'Patient', 'Package', 'Price', 'Covers from', 'Until', 'Status']}>
              {items.map((policy) => (
                <tr key={policy.id}>
                  <td>{policy.id}</td>
                  <td>{policy.patientId}</td>
                  <td>
                    {policy.packageId} v{policy.packageVersion}
                  </td>
                  <td>
                    <Money minor={policy.priceMinor} currency={policy.currency} />
                  </td>
                  <td>
                    <Time iso={policy.coverageStart} />
                  </td>
                  <td>
                    <Time iso={policy.coverageEnd} />
                  </td>
                  <td>{policy.status}</td>
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

/** The insurer's queue of applications: respond with the terms hash and price offered, or decline; and the policies issued. */
export function HomePage() {
  const me = useMe();
  const [status, setStatus] = useState<ApplicationStatus>('pending');
  const [policiesVersion, setPoliciesVersion] = useState(0);
  const { state, reload } = useLoad(() => loadApplications(status, me.stakeholderId), [status, me.stakeholderId]);
  const [notice, setNotice] = useState<string>();
  const answered = (message: string) => {
    setNotice(message);
    reload();
    setPoliciesVersion((value) => value + 1);
  };
  return (
    <Page title="Applications" intro="Answer with the terms hash and price the patient accepted to issue a policy; a different answer is recorded as rejected.">
      <Section title="Application queue">
        <ResultNotice message={notice} />
        <SelectField
          label="Show applications that are"
          value={status}
          onChange={(value) => { setStatus(value as ApplicationStatus); }}
          options={APPLICATION_STATUSES.map((value) => ({ value, label: APPLICATION_STATUS_LABELS[value].label }))}
        />
        <Load state={state}>
          {({ applications, packages }) =>
            applications.length === 0 ? (
              <Empty>No applications {status === 'pending' ? 'wait for an answer' : `are ${status}`}.</Empty>
            ) : (
              <div className="stack">
                {applications.map((application) => (
                  <ApplicationCard key={application.id} application={application} packages={packages} onDone={answered} />
                ))}
              </div>
            )
          }
        </Load>
      </Section>
      <Policies key={policiesVersion} />
    </Page>
  );
}
