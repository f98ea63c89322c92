import { STATUS_CODES } from 'node:http';

/**
 * Other gateway modules may throw their own cataloged errors (e.g. files/errors.ts FileError):
 * any Error with an UPPER_SNAKE `code` and an HTTP `httpStatus`. A 4xx shows its message after the
 * code; a 5xx shows its code only and is logged like any server error.
 */
export interface CodedError extends Error {
  code: string;
  httpStatus: number;
}

export function isCodedError(error: unknown): error is CodedError {
  if (!(error instanceof Error)) {
    return false;
  }
  const { code, httpStatus } = error as Partial<CodedError>;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code) && Number.isInteger(httpStatus) && (httpStatus ?? 0) >= 400 && (httpStatus ?? 0) <= 599;
}

export function codedProblem(error: CodedError): { status: number; code: string; title: string; detail?: string } {
  const title = STATUS_CODES[error.httpStatus] ?? 'Error';
  if (error.httpStatus >= 500) {
    return { status: error.httpStatus, code: error.code, title };
  }
  const marker = `${error.code}: `;
  return { status: error.httpStatus, code: error.code, title, detail: error.message.startsWith(marker) ? error.message.slice(marker.length) : error.message };
}
