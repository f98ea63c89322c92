import { Badge, Table, Time } from '../Display';
import { useMe } from '../../session';
import { Who } from './names';
import { ACTION_LABELS, CATEGORY_LABELS, purposeText, type AccessLogEntry } from './vocabulary';

const BASIS_WORDS = {
  owner: 'Your own access',
  delegate: 'Your delegate',
  grant: 'Your consent',
  'break-glass': 'Emergency access (break-glass)',
  party: 'Part of a care step you started',
} as const satisfies Record<NonNullable<AccessLogEntry['basis']>, string>;

/** What stands out in an entry, and why: an emergency opening or a refusal the patient should notice. */
export function alertOf(entry: AccessLogEntry): 'break-glass' | 'refused' | undefined {
  if (entry.basis === 'break-glass') return 'break-glass';
  if (entry.outcome === 'refused') return 'refused';
  return undefined;
}

function Outcome({ entry }: { entry: AccessLogEntry }) {
  const alert = alertOf(entry);
  if (alert === 'break-glass') {
    return (
      <>
        <Badge tone="danger">Break-glass</Badge> <span className="alert-text">Emergency access without your consent</span>
      </>
    );
  }
  if (alert === 'refused') {
    return (
      <>
        <Badge tone="warn">Refused</Badge> <span className="alert-text">No consent covered it, nothing was disclosed</span>
      </>
    );
  }
  return <Badge tone="good">Allowed</Badge>;
}

function Basis({ entry }: { entry: AccessLogEntry }) {
  if (entry.basis === undefined) return <span>—</span>;
  const reference = entry.grantId ?? entry.breakGlassId ?? entry.delegationId;
  return (
    <span>
      {BASIS_WORDS[entry.basis]}
      {reference === undefined ? null : (
        <>
          {' '}
          <code>{reference}</code>
        </>
      )}
    </span>
  );
}

/**
 * Entries of a patient's accounting of disclosures: who, what, when, why, on what basis, and the
 * outcome. Break-glass and refusals stand out three ways: a badge, a highlighted row, and words.
 */
export function DisclosureTable({ entries, caption }: { entries: readonly AccessLogEntry[]; caption: string }) {
  const me = useMe();
  return (
    <Table caption={caption} headers={['When', 'Who', 'What', 'Why', 'Basis', 'Outcome']}>
      {entries.map((entry) => {
        const alert = alertOf(entry);
        return (
          <tr key={entry.id} className={alert === 'break-glass' ? 'highlight-danger' : alert === 'refused' ? 'highlight-warn' : undefined}>
            <td>
              <Time iso={entry.at} />
            </td>
            <td>
              {entry.accessorId === me.stakeholderId ? 'You' : <Who id={entry.accessorId} />}
            </td>
            <td>
              {ACTION_LABELS[entry.action]}: {CATEGORY_LABELS[entry.category]} <code>{entry.resourceType.replace(/-/g, ' ')} {entry.resourceId}</code>
            </td>
            <td>{purposeText(entry.purpose)}</td>
            <td>
              <Basis entry={entry} />
            </td>
            <td>
              <Outcome entry={entry} />
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
