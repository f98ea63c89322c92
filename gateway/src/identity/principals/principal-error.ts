/** The principal service's refusals: a stable code each, no HTTP. */
export type PrincipalErrorCode = 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND';

/**
 * A refusal of the principal service ("FORBIDDEN: this account has been removed"). It carries its
 * code only: the gateway's error catalog (api/errors/catalog.ts) gives the code its HTTP status.
 */
export class PrincipalError extends Error {
  override readonly name = 'PrincipalError';

  constructor(
    readonly code: PrincipalErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}
