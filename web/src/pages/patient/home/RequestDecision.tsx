import { useState } from 'react';
import { api, ok } from '../../../api/client';
import { Time } from '../../../components/Display';
import { OutcomeMessage } from '../../../components/Feedback';
import { CheckboxGroup, TextField } from '../../../components/Fields';
import { useAction } from '../../../components/hooks';
import { useDisplayName, Who } from '../../../components/consent/names';
import type { PatientRecord } from '../../../components/consent/patient-records';
import { ScopePreviewList } from '../../../components/consent/ScopePreviewList';
import { ACTION_LABELS, CATEGORIES, actionsText, categoriesOf, CATEGORY_LABELS, isCategory, purposeText, recordIdsOf, scopeText, type AccessRequest, type Action, type GrantScope } from '../../../components/consent/vocabulary';
import { formatDateTime, isoToLocalInput, localInputToIso } from '../../../lib/time';

/** The part of a request's scope the patient keeps ticked: the same kind as asked, never wider. */
function approvedScope(request: AccessRequest, kept: readonly string[]): GrantScope | undefined {
  if (kept.length === 0) return undefined;
  return categoriesOf(request.scope).length > 0 ? { categories: kept.filter(isCategory) } : { recordIds: [...kept] };
}

function scopeOptions(request: AccessRequest, records: readonly PatientRecord[]) {
  const asked = categoriesOf(request.scope);
  const categories = CATEGORIES.filter((category) => asked.includes(category));
  if (categories.length > 0) return { legend: 'Categories to share', options: categories.map((value) => ({ value, label: CATEGORY_LABELS[value] })) };
  const byId = new Map(records.map((record) => [record.id, record]));
  return { legend: 'Records to share', options: recordIdsOf(request.scope).map((value) => ({ value, label: `${byId.get(value)?.title ?? 'Not among your records'} · ${value}` })) };
}

/**
 * One pending access request: who asks, why, for what and until when; a preview of exactly which
 * records it would expose; and the decision: approve all of it, approve less (untick actions,
 * categories or records, end it sooner), or deny.
 */
export function RequestDecision({ request, records, onDecided }: { request: AccessRequest; records: readonly PatientRecord[]; onDecided: (message: string) => void }) {
  const requestedUntil = isoToLocalInput(request.validUntil);
  const [actions, setActions] = useState<string[]>(request.actions);
  const [kept, setKept] = useState<string[]>(() => [...categoriesOf(request.scope), ...recordIdsOf(request.scope)]);
  const [until, setUntil] = useState(requestedUntil);
  const { outcome, run } = useAction();
  const requester = useDisplayName(request.requesterId) ?? request.requesterId;
  const scope = approvedScope(request, kept);
  const headingId = `request-${request.id}`;
  const choices = scopeOptions(request, records);

  const approve = () =>
    run(async () => {
      if (actions.length === 0) throw new Error('Tick at least one action to approve, or deny the request.');
      if (scope === undefined) throw new Error('Tick at least one category or record to approve, or deny the request.');
      if (until === '') throw new Error('Choose until when the access lasts.');
      // Unchanged, the request's own end (to the second); changed, the chosen minute.
      const validUntil = until === requestedUntil ? request.validUntil : localInputToIso(until);
      const grant = await ok(api.POST('/access-requests/{requestId}/approval', { params: { path: { requestId: request.id } }, body: { actions: actions as Action[], scope, validUntil } }));
      const message = `Approved for ${requester}: ${actionsText(grant.actions)} ${scopeText(grant.scope)} until ${formatDateTime(grant.validUntil)} (${grant.id}).`;
      onDecided(message);
      return message;
    });
  const deny = () =>
    run(async () => {
      await ok(api.POST('/access-requests/{requestId}/denial', { params: { path: { requestId: request.id } } }));
      const message = `Denied the request of ${requester}: it is closed and nothing was shared.`;
      onDecided(message);
      return message;
    });

  return (
    <article className="request card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Request from <Who id={request.requesterId} />
      </h3>
      <dl className="terms">
        <dt>Purpose</dt>
        <dd>{purposeText(request.purpose)}</dd>
        <dt>Asks to</dt>
        <dd>
          {actionsText(request.actions)}: {scopeText(request.scope)}
        </dd>
        <dt>Until</dt>
        <dd>
          <Time iso={request.validUntil} />
        </dd>
        <dt>Asked</dt>
        <dd>
          <Time iso={request.createdAt} />
        </dd>
      </dl>
      <h4>What it would expose if you approve it in full</h4>
      <ScopePreviewList scope={request.scope} records={records} label={`What the request from ${request.requesterId} would expose`} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void approve();
        }}
      >
        <CheckboxGroup legend="Actions to allow" options={request.actions.map((value) => ({ value, label: ACTION_LABELS[value] }))} selected={actions} onChange={setActions} />
        <CheckboxGroup legend={choices.legend} options={choices.options} selected={kept} onChange={setKept} />
        <TextField label="Access ends" type="datetime-local" hint="You may end it sooner than asked, not later" value={until} max={requestedUntil} onChange={setUntil} required />
        <h4>What you would share as ticked</h4>
        {scope === undefined ? <p className="empty">Nothing ticked: approving would share nothing.</p> : <ScopePreviewList scope={scope} records={records} label="What you would share as ticked" />}
        <div className="actions">
          <button type="submit" className="primary">
            Approve as ticked
          </button>
          <button type="button" className="danger" onClick={() => void deny()}>
            Deny
          </button>
        </div>
      </form>
      {/* A success is announced once, by the page, which lists the item anew. */}
      {outcome.kind === 'done' ? null : <OutcomeMessage outcome={outcome} />}
    </article>
  );
}
