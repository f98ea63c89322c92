import { CATALOG, isCataloged, type CatalogCode } from './catalog';
import { describeRaised, type Described } from './problem-body';

/**
 * The errors other modules throw (platform/coded-error.ts CodedError's subclasses: FileError,
 * PrincipalError, IdempotencyError; and any other Error whose `code` is in the catalog). The error
 * carries its code only; its status and title come from the catalog. A 4xx shows its message after
 * the code; a 5xx shows its code only and is logged like any server error.
 */
export interface CatalogedError extends Error {
  code: CatalogCode;
}

export function isCodedError(error: unknown): error is CatalogedError {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && isCataloged(code);
}

export function codedProblem(error: CatalogedError): Described {
  if (CATALOG[error.code].status >= 500) {
    return describeRaised(error.code);
  }
  const marker = `${error.code}: `;
  return describeRaised(error.code, error.message.startsWith(marker) ? error.message.slice(marker.length) : error.message);
}
