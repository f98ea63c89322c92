import { Problem } from '../../api/errors/problems';

/**
 * A SAML message we will not accept. `reason` is a short stable slug for the log; it never carries
 * payload content (names, attribute values, XML), so logging it cannot leak a SAML message.
 */
export class SamlRefusal extends Error {
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`SAML message refused: ${reason}`, options);
    this.name = 'SamlRefusal';
    this.reason = reason;
  }
}

export function refuse(reason: string): never {
  throw new SamlRefusal(reason);
}

/** The same words for every refusal, so the client learns nothing about which check failed. */
export const GENERIC_REFUSAL_DETAIL = 'Sign-in could not be completed. Please start again.';

/**
 * A refusal as the gateway's one error middleware renders it: 401 problem+json, code
 * UNAUTHENTICATED, the generic detail. The specific reason goes to the log only.
 */
export function unauthenticated(): Problem {
  return new Problem('UNAUTHENTICATED', GENERIC_REFUSAL_DETAIL);
}
