import { CATALOG, type CatalogCode } from './catalog';

/** RFC 9457 problem details as the gateway sends them; `instance` is the request ID for support. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A problem before the request-specific members (type URI, instance) are added. */
export interface Described {
  title: string;
  status: number;
  code: CatalogCode;
  detail?: string;
  [extension: string]: unknown;
}

/** The problem of a cataloged code: its status and title from the catalog, with the detail and extensions of this occurrence. */
export function describeCode(code: CatalogCode, detail?: string, extensions: Record<string, unknown> = {}, title: string = CATALOG[code].title): Described {
  return { ...extensions, title, status: CATALOG[code].status, code, ...(detail === undefined ? {} : { detail }) };
}
