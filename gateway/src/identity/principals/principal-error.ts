import { CodedError } from '../../platform/coded-error';

/** The principal service's refusals: a stable code each, no HTTP. */
export type PrincipalErrorCode = 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND';

/** A refusal of the principal service ("FORBIDDEN: this account has been removed"). */
export class PrincipalError extends CodedError<PrincipalErrorCode> {}
