import { Badge, Time } from '../Display';
import { Who } from './names';
import { actionsText, purposeText, scopeText, type Grant } from './vocabulary';

const STATUS_TONES = { active: 'good', 'not-yet-valid': 'warn', expired: 'neutral', revoked: 'danger', ended: 'neutral' } as const satisfies Record<Grant['effectiveStatus'], 'good' | 'warn' | 'neutral' | 'danger'>;

const STATUS_WORDS = { active: 'Active', 'not-yet-valid': 'Not yet valid', expired: 'Expired', revoked: 'Revoked', ended: 'Ended' } as const satisfies Record<Grant['effectiveStatus'], string>;

export function GrantStatus({ grant }: { grant: Grant }) {
  return <Badge tone={STATUS_TONES[grant.effectiveStatus]}>{STATUS_WORDS[grant.effectiveStatus]}</Badge>;
}

/** A grant's terms as a description list: who, what, why, from when until when. */
export function GrantTerms({ grant, show }: { grant: Grant; show: 'grantee' | 'patient' }) {
  return (
    <dl className="terms">
      <dt>{show === 'grantee' ? 'Who' : 'Patient'}</dt>
      <dd>{show === 'grantee' ? <Who id={grant.granteeId} /> : <code>{grant.patientId}</code>}</dd>
      <dt>May</dt>
      <dd>{actionsText(grant.actions)}</dd>
      <dt>Covers</dt>
      <dd>{scopeText(grant.scope)}</dd>
      <dt>Purpose</dt>
      <dd>{purposeText(grant.purpose)}</dd>
      <dt>Window</dt>
      <dd>
        <Time iso={grant.validFrom} /> to <Time iso={grant.validUntil} />
      </dd>
      {grant.workflow === undefined ? null : (
        <>
          <dt>Made by</dt>
          <dd>your {grant.workflow.type.replace('-', ' ')} (ends with it)</dd>
        </>
      )}
      {grant.revokedAt === undefined ? null : (
        <>
          <dt>Revoked</dt>
          <dd>
            <Time iso={grant.revokedAt} />
          </dd>
        </>
      )}
    </dl>
  );
}
