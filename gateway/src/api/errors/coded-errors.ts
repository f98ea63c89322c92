import { CATALOG, isCataloged, type CatalogCode } from './catalog';
import { describeRaised, type Described } from './problem-body';

/**
 * The errors other modules throw (files/errors.ts FileError, identity's PrincipalError,
 * IdempotencyError, ...): any Error whose `code` is in the catalog. The error carries its code
 * only; its status and title come from the catalog. A 4xx shows its message after the code; a 5xx
 * shows its code only and is logged like any server error.
 */
export interface CodedError extends Error {
  code: CatalogCode;
}

export function isCodedError(error: unknown): error is CodedError {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && isCataloged(code);
}

export function codedProblem(error: CodedError): Described {
  if (CATALOG[error.code].status >= 500) {
    return describeRaised(error.code);
  }
  const marker = `${error.code}: `;
  return describeRaised(error.code, error.message.startsWith(marker) ? error.message.slice(marker.length) : error.message);
}
