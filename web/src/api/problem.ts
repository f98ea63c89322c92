/**
 * The gateway answers every error as RFC 9457 problem+json with a stable `code`. The portal shows
 * the problem's own title and detail, so a person sees what the API says and can act on it.
 */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  code?: string;
  detail?: string;
}

/** A refused or failed call, carrying the gateway's problem. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    // Titles may end in a full stop ("…quantity."); the detail follows a colon, never ".:".
    super(problem.detail === undefined ? problem.title : `${problem.title.replace(/[.\s]+$/, '')}: ${problem.detail}`);
    this.name = 'ApiError';
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).title === 'string' && typeof (value as Problem).status === 'number';
}

/** The problem in an error body, or one made from the status when the body is not problem+json. */
export function problemOf(body: unknown, status: number): Problem {
  if (isProblem(body)) return body;
  return { title: status === 0 ? 'The gateway could not be reached' : `Request failed (HTTP ${status})`, status };
}

/** What to show for anything thrown by an action. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
