import { useState } from 'react';
import { api, ok } from '../../../api/client';
import { OutcomeMessage } from '../../../components/Feedback';
import { useAction } from '../../../components/hooks';
import { GrantStatus, GrantTerms } from '../../../components/consent/GrantTerms';
import { useDisplayName } from '../../../components/consent/names';
import type { Grant } from '../../../components/consent/vocabulary';

/** One grant, and its revocation: asked to confirm first, as it takes effect at once. */
export function GrantItem({ grant, onRevoked }: { grant: Grant; onRevoked: (message: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const { outcome, run } = useAction();
  const name = useDisplayName(grant.granteeId) ?? grant.granteeId;
  const revocable = grant.effectiveStatus === 'active' || grant.effectiveStatus === 'not-yet-valid';
  const revoke = () =>
    run(async () => {
      const revoked = await ok(api.DELETE('/consents/{grantId}', { params: { path: { grantId: grant.id } } }));
      const message = `Revoked: ${name} no longer has this access (${revoked.id}, status ${revoked.status}).`;
      setConfirming(false);
      onRevoked(message);
      return message;
    });
  return (
    <li className="card-item">
      <p className="item-heading">
        <GrantStatus grant={grant} /> <code>{grant.id}</code>
      </p>
      <GrantTerms grant={grant} show="grantee" />
      {!revocable ? null : confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm revoking the consent of ${name}`}>
          <p>Revoke this consent? {name} loses this access at once; what they already saw stays in your accounting of disclosures.</p>
          <div className="actions">
            <button type="button" className="danger primary" onClick={() => void revoke()}>
              Yes, revoke
            </button>
            <button type="button" onClick={() => { setConfirming(false); }}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="danger" aria-label={`Revoke the consent of ${name} (${grant.id})`} onClick={() => { setConfirming(true); }}>
            Revoke
          </button>
        </div>
      )}
      {/* A success is announced once, by the page, which lists the item anew. */}
      {outcome.kind === 'done' ? null : <OutcomeMessage outcome={outcome} />}
    </li>
  );
}
