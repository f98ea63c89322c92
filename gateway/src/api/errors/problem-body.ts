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

/*
 * The problem of a cataloged code: status and title from the catalog, detail and extensions from
 * this occurrence. Two member orders, each the one its kind has always been sent with (the README
 * shows a chaincode refusal's): a Problem lists its extensions first, then title, status, code and
 * detail; an error raised below the HTTP layer (the ledger, the file engine, idempotency, identity's
 * domain) lists status, code, title, detail, then its extensions (txId).
 */

export function describeCode(code: CatalogCode, detail?: string, extensions: Record<string, unknown> = {}): Described {
  const { status, title } = CATALOG[code];
  return { ...extensions, title, status, code, ...detailOf(detail) };
}

export function describeRaised(code: CatalogCode, detail?: string, extensions: Record<string, unknown> = {}, title: string = CATALOG[code].title): Described {
  return { status: CATALOG[code].status, code, title, ...detailOf(detail), ...extensions };
}

function detailOf(detail: string | undefined): { detail?: string } {
  return detail === undefined ? {} : { detail };
}
