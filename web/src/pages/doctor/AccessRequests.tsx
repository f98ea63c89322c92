import '../../components/consent/consent.css';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { Badge, Table, Time } from '../../components/Display';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { CheckboxGroup, SelectField, TextField } from '../../components/Fields';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { allPages } from '../../lib/paging';
import { ScopeFields, scopeOf, type ScopeDraft } from '../../components/consent/ScopeFields';
import { ACTION_OPTIONS, actionsText, isPurpose, PURPOSE_OPTIONS, purposeText, scopeText, type AccessRequest, type Action, type Purpose } from '../../components/consent/vocabulary';
import { formatDateTime, isoToLocalInput, localInputToIso } from '../../lib/time';
import { Link, useRoute } from '../../router';

const DAY_MS = 24 * 3_600_000;

const STATUS = {
  pending: { tone: 'warn', word: 'Waiting for the patient' },
  approved: { tone: 'good', word: 'Approved' },
  denied: { tone: 'danger', word: 'Denied' },
  expired: { tone: 'neutral', word: 'Expired unanswered' },
} as const satisfies Record<AccessRequest['effectiveStatus'], { tone: 'good' | 'warn' | 'neutral' | 'danger'; word: string }>;

function RequestForm({ onSent }: { onSent: () => void }) {
  const route = useRoute();
  const [patientId, setPatientId] = useState(route.query.get('patient') ?? '');
  const [actions, setActions] = useState<string[]>(['view']);
  const [scope, setScope] = useState<ScopeDraft>({ kind: 'categories', categories: [] });
  const [purpose, setPurpose] = useState<Purpose>('TREAT');
  const [until, setUntil] = useState(() => isoToLocalInput(new Date(Date.now() + 7 * DAY_MS).toISOString()));
  const { outcome, run } = useAction();
  const send = () =>
    run(async () => {
      const chosen = scopeOf(scope);
      if (patientId.trim() === '') throw new Error('Enter the patient’s ID.');
      if (actions.length === 0) throw new Error('Tick at least one action.');
      if (chosen === undefined) throw new Error('Tick at least one category, or enter record IDs.');
      if (until === '') throw new Error('Choose until when you need access.');
      const request = await ok(api.POST('/access-requests', { body: { patientId: patientId.trim(), actions: actions as Action[], scope: chosen, purpose, validUntil: localInputToIso(until) } }));
      onSent();
      return `Request sent to ${request.patientId}: ${actionsText(request.actions)} ${scopeText(request.scope)} until ${formatDateTime(request.validUntil)}. The patient decides (${request.id}).`;
    });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <TextField label="Patient ID" hint="The ID the patient gave you, e.g. pat-…" value={patientId} onChange={setPatientId} required />
      <CheckboxGroup legend="You ask to" options={ACTION_OPTIONS} selected={actions} onChange={setActions} />
      <ScopeFields value={scope} onChange={setScope} />
      <SelectField
        label="Purpose"
        hint="A public code on the ledger; the patient sees it"
        value={purpose}
        options={PURPOSE_OPTIONS}
        onChange={(chosen) => {
          if (isPurpose(chosen)) setPurpose(chosen);
        }}
      />
      <TextField label="Until" type="datetime-local" hint="The patient may approve a shorter time" value={until} onChange={setUntil} required />
      <div className="actions">
        <button type="submit" className="primary">
          Send request
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

/** Asking a patient for access, and the doctor's requests with what became of them. */
export function AccessRequestsPage() {
  const { state, reload } = useLoad(async () => (await allPages((cursor) => ok(api.GET('/me/access-requests', { params: { query: { limit: 100, ...(cursor === undefined ? {} : { cursor }) } } })))).items.reverse(), []);
  return (
    <Page title="Access requests" intro="Ask a patient for consent. The patient sees exactly what you ask for, may approve less, or deny.">
      <Section title="Ask for access">
        <RequestForm onSent={reload} />
      </Section>
      <Section title="My requests">
        <Load state={state}>
          {(requests) =>
            requests.length === 0 ? (
              <Empty>You have not asked anyone yet.</Empty>
            ) : (
              <Table caption="My access requests, newest first" headers={['Patient', 'Asked for', 'Purpose', 'Until', 'Status']}>
                {requests.map((request) => (
                  <tr key={request.id}>
                    <td>
                      <code>{request.patientId}</code>
                    </td>
                    <td>
                      {actionsText(request.actions)}: {scopeText(request.scope)}
                    </td>
                    <td>{purposeText(request.purpose)}</td>
                    <td>
                      <Time iso={request.validUntil} />
                    </td>
                    <td>
                      <Badge tone={STATUS[request.effectiveStatus].tone}>{STATUS[request.effectiveStatus].word}</Badge>
                      {request.decidedAt === undefined ? null : (
                        <>
                          {' '}
                          <Time iso={request.decidedAt} />
                        </>
                      )}
                      {request.effectiveStatus === 'approved' ? (
                        <>
                          {' '}
                          <Link to="/patient-records" query={{ patient: request.patientId }}>
                            Open records
                          </Link>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </Table>
            )
          }
        </Load>
      </Section>
    </Page>
  );
}
