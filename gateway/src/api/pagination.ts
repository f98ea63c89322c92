import { MAX_PAGE_SIZE } from '@medledger/chaincode/client';
import { z } from 'zod';

/**
 * Cursor pagination over the chaincode's Fabric bookmarks. `?limit=` (1-100, default 20) is the
 * page size; `?cursor=` is the `nextCursor` of the previous page: the bookmark, base64url-encoded,
 * opaque to clients. A page is `{items, nextCursor}`; nextCursor is null on the last page.
 */
export const DEFAULT_LIMIT = 20;
/** The chaincode's largest page: a limit is the page size every list transaction takes. */
export const MAX_LIMIT = MAX_PAGE_SIZE;
const MAX_CURSOR_LENGTH = 4096;

/**
 * Unpadded base64url of at least one byte, in its one canonical spelling: whole groups of four,
 * then an optional tail of two or three characters whose unused low bits are zero. So the spec
 * says exactly which strings can be cursors, and every such string decodes to a non-empty bookmark.
 */
const CANONICAL_BASE64URL = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-][AQgw]|[A-Za-z0-9_-]{2}[AEIMQUYcgkosw048])?$/;

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe(`Page size, 1-${MAX_LIMIT}`),
  cursor: z
    .string()
    .min(2)
    .max(MAX_CURSOR_LENGTH)
    .regex(CANONICAL_BASE64URL, 'must be a nextCursor returned by the previous page')
    .optional()
    .describe(
      'Opaque: the nextCursor of the previous page of the same list, for the same caller. A cursor of another list or another caller is refused with 400 INVALID_ARGUMENT.',
    ),
});

export type PageQuery = z.output<typeof pageQuery>;

export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
  });
}

/**
 * The bookmark a cursor stands for ('' for the first page). The gateway cannot tell whose range a
 * bookmark lies in, and need not: every peer refuses a bookmark outside the range the caller may
 * list (chaincode/src/lib/paging.ts), so the decision is made once, where it is enforced.
 */
export function bookmarkOf(cursor: string | undefined): string {
  return cursor === undefined ? '' : Buffer.from(cursor, 'base64url').toString('utf8');
}

/**
 * The chaincode's `{items, bookmark}` as a REST page. Fabric's bookmark is the first key of the
 * next page and empty when there is none. A page may hold fewer items than the limit and still
 * have a next page (lists that filter by consent), so clients follow nextCursor until it is null.
 */
export function pageFromLedger<T>(page: { items: T[]; bookmark: string }): { items: T[]; nextCursor: string | null } {
  return { items: page.items, nextCursor: page.bookmark === '' ? null : Buffer.from(page.bookmark, 'utf8').toString('base64url') };
}

/** Chaincode list arguments: (…, pageSize, bookmark). */
export function pageArgs(query: PageQuery): [string, string] {
  return [String(query.limit), bookmarkOf(query.cursor)];
}
