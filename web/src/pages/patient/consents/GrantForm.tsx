import { useState } from 'react';
import { api, ok } from '../../../api/client';
import { OutcomeMessage } from '../../../components/Feedback';
import { CheckboxGroup, SelectField, TextField } from '../../../components/Fields';
import { useAction } from '../../../components/hooks';
import type { PatientRecord } from '../../../components/consent/patient-records';
import { ScopeFields, scopeOf, type ScopeDraft } from '../../../components/consent/ScopeFields';
import { ScopePreviewList } from '../../../components/consent/ScopePreviewList';
import { ACTION_OPTIONS, actionsText, isPurpose, PURPOSE_OPTIONS, scopeText, type Action, type Purpose } from '../../../components/consent/vocabulary';
import { formatDateTime, isoToLocalInput, localInputToIso } from '../../../lib/time';
import { GranteePicker } from './GranteePicker';

const DAY_MS = 24 * 3_600_000;

/** Giving consent: to whom, to do what, with which records, why, and for how long. */
export function GrantForm({ records, onGranted }: { records: readonly PatientRecord[]; onGranted: () => void }) {
  const [granteeId, setGranteeId] = useState('');
  const [actions, setActions] = useState<string[]>(['view']);
  const [scope, setScope] = useState<ScopeDraft>({ kind: 'categories', categories: [] });
  const [purpose, setPurpose] = useState<Purpose>('TREAT');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState(() => isoToLocalInput(new Date(Date.now() + 30 * DAY_MS).toISOString()));
  const { outcome, run } = useAction();
  const chosenScope = scopeOf(scope);

  const grant = () =>
    run(async () => {
      if (granteeId.trim() === '') throw new Error('Choose who gets access.');
      if (actions.length === 0) throw new Error('Tick at least one action.');
      if (chosenScope === undefined) throw new Error('Tick at least one category or record.');
      if (until === '') throw new Error('Choose until when the access lasts.');
      const body = { granteeId: granteeId.trim(), actions: actions as Action[], scope: chosenScope, purpose, validUntil: localInputToIso(until), ...(from === '' ? {} : { validFrom: localInputToIso(from) }) };
      const granted = await ok(api.POST('/consents', { body }));
      onGranted();
      return `Consent given to ${granted.granteeId}: ${actionsText(granted.actions)} ${scopeText(granted.scope)} until ${formatDateTime(granted.validUntil)} (${granted.id}).`;
    });

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void grant();
      }}
    >
      <GranteePicker value={granteeId} onChange={setGranteeId} />
      <CheckboxGroup legend="They may" options={ACTION_OPTIONS} selected={actions} onChange={setActions} />
      <ScopeFields value={scope} onChange={setScope} records={records} />
      {chosenScope === undefined ? null : (
        <>
          <h3>What they would see today</h3>
          <ScopePreviewList scope={chosenScope} records={records} label="What the consent would expose" />
        </>
      )}
      <SelectField
        label="Purpose"
        hint="Why they may use it. The purpose is a public code on the ledger, never free text."
        value={purpose}
        options={PURPOSE_OPTIONS}
        onChange={(chosen) => {
          if (isPurpose(chosen)) setPurpose(chosen);
        }}
      />
      <TextField label="Starts (optional)" type="datetime-local" hint="Empty: now" value={from} onChange={setFrom} />
      <TextField label="Ends" type="datetime-local" hint="At most 365 days ahead" value={until} onChange={setUntil} required />
      <div className="actions">
        <button type="submit" className="primary">
          Give consent
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
