import { Badge, Time } from '../Display';
import { previewScope, type PatientRecord } from './patient-records';
import { CATEGORIES, categoriesOf, CATEGORY_LABELS, type GrantScope } from './vocabulary';

function RecordItem({ record }: { record: PatientRecord }) {
  return (
    <li>
      {record.title} <code>{record.id}</code> <Time iso={record.at} />
    </li>
  );
}

/**
 * Exactly which of the patient's records a scope would expose, resolved as the access decision
 * resolves it: a category named with nothing in it yet says so (future records of it will be
 * covered too), and restricted files a category does not reach are listed as left out.
 */
export function ScopePreviewList({ scope, records, label }: { scope: GrantScope; records: readonly PatientRecord[]; label: string }) {
  const preview = previewScope(scope, records);
  const named = categoriesOf(scope);
  const categories = CATEGORIES.filter((category) => named.includes(category));
  return (
    <div className="scope-preview" aria-label={label} role="group">
      {preview.covered.length === 0 ? (
        <p className="empty">It would expose nothing yet: you have no records it covers.</p>
      ) : (
        <ul className="record-list">
          {preview.covered.map((record) => (
            <RecordItem key={record.id} record={record} />
          ))}
        </ul>
      )}
      {categories.length > 0 ? (
        <p className="hint">
          {categories.map((category) => CATEGORY_LABELS[category]).join(', ')}: records you add later in {categories.length === 1 ? 'this category' : 'these categories'} would be covered too, while the grant lasts.
        </p>
      ) : null}
      {preview.restrictedLeftOut.length === 0 ? null : (
        <div>
          <p>
            <Badge tone="good">Not exposed</Badge> restricted files (label R or V) need a grant that names them:
          </p>
          <ul className="record-list">
            {preview.restrictedLeftOut.map((record) => (
              <RecordItem key={record.id} record={record} />
            ))}
          </ul>
        </div>
      )}
      {preview.unknownIds.length === 0 ? null : (
        <p className="message warn">
          Not among your records (approving them would be refused): {preview.unknownIds.join(', ')}
        </p>
      )}
    </div>
  );
}
