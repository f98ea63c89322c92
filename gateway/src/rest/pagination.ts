import { z } from 'zod';
import { Problem } from '../http/problems';

/**
 * Cursor pagination over the chaincode's Fabric bookmarks. `?limit=` (1-100, default 20) is the
 * page size; `?cursor=` is the `nextCursor` of the previous page: the bookmark, base64url-encoded,
 * opaque to clients. A page is `{items, nextCursor}`; nextCursor is null on the last page.
 */
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
const MAX_CURSOR_LENGTH = 4096;

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe(`Page size, 1-${MAX_LIMIT}`),
  cursor: z
    .string()
    .max(MAX_CURSOR_LENGTH)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a nextCursor returned by the previous page')
    .optional()
    .describe('Opaque: the nextCursor of the previous page'),
});

export type PageQuery = z.output<typeof pageQuery>;

export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
  });
}

/** The bookmark a cursor stands for ('' for the first page). */
export function bookmarkOf(cursor: string | undefined): string {
  if (cursor === undefined) {
    return '';
  }
  const bookmark = Buffer.from(cursor, 'base64url').toString('utf8');
  if (bookmark === '' || Buffer.from(bookmark, 'utf8').toString('base64url') !== cursor) {
    throw new Problem('VALIDATION_FAILED', 'cursor: must be a nextCursor returned by the previous page', { errors: [{ path: 'cursor', message: 'not a cursor this API issued' }] });
  }
  return bookmark;
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
