import type { Context } from 'fabric-contract-api';
import { MAX_PAGE_SIZE, type Page } from '../contract';
import { ChaincodeError } from './errors';
import { fromBytes } from './serialization';

export type { Page } from '../contract';

export function requirePageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new ChaincodeError('INVALID_ARGUMENT', `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return pageSize;
}

/**
 * A bookmark is only the key a peer starts the range scan at, and the peer does not check that it
 * lies inside the partial key's range: a bookmark that sorts below the caller's prefix lists every
 * key between it and the end of the range, other parties' included. So a bookmark is accepted only
 * if it is empty (the first page) or a key under this very prefix, which every bookmark the peer
 * returned for this query is.
 */
function requireBookmarkInRange(ctx: Context, indexType: string, prefix: string[], bookmark: string): string {
  if (bookmark !== '' && !bookmark.startsWith(ctx.stub.createCompositeKey(indexType, prefix))) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'bookmark does not belong to this list; pass back the bookmark the previous page of the same query returned');
  }
  return bookmark;
}

/**
 * How a list transaction pages. 'read-only' uses the peer's pagination, which Fabric allows only in
 * a transaction that writes nothing: right for an evaluated list (the patient's own). 'logged'
 * is for a list read by anyone other than the patient, which must write its access-log entries
 * in the same transaction: a plain range scan of the partial key that skips the keys before the
 * bookmark and stops after one page. It answers the same pages and bookmarks (the first key of
 * the next page, '' after the last), so a client may mix the two; its cost grows with the offset
 * (keys before the bookmark are read and skipped), bounded by the one party's or patient's index.
 */
export type PagingMode = 'read-only' | 'logged';

export interface KeyPage {
  entries: { key: string; parts: string[]; value: Uint8Array }[];
  bookmark: string;
}

/**
 * One bounded page of the keys under a partial composite key. Fabric makes a transaction that
 * runs a paginated query read-only, so a list that must also log pages in 'logged' mode.
 */
export async function pageOfKeys(
  ctx: Context,
  indexType: string,
  prefix: string[],
  pageSize: number,
  bookmark: string,
  mode: PagingMode = 'read-only',
): Promise<KeyPage> {
  const size = requirePageSize(pageSize);
  const start = requireBookmarkInRange(ctx, indexType, prefix, bookmark);
  if (mode === 'logged') {
    return scannedPage(ctx, indexType, prefix, size, start);
  }
  const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(indexType, prefix, size, start);
  const entries: KeyPage['entries'] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const { attributes } = ctx.stub.splitCompositeKey(next.value.key);
      entries.push({ key: next.value.key, parts: attributes, value: next.value.value });
    }
  } finally {
    await iterator.close();
  }
  // A real peer sends no metadata for an empty last page (it would be all defaults), so the shim
  // leaves it undefined although its types say otherwise.
  const sent = metadata as typeof metadata | undefined;
  return { entries, bookmark: sent?.bookmark ?? '' };
}

/** The 'logged' page: an unpaginated scan, so the transaction may still write. */
async function scannedPage(ctx: Context, indexType: string, prefix: string[], pageSize: number, start: string): Promise<KeyPage> {
  const iterator = await ctx.stub.getStateByPartialCompositeKey(indexType, prefix);
  const entries: KeyPage['entries'] = [];
  let bookmark = '';
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (next.value.key < start) {
        continue;
      }
      if (entries.length === pageSize) {
        bookmark = next.value.key;
        break;
      }
      entries.push({ key: next.value.key, parts: ctx.stub.splitCompositeKey(next.value.key).attributes, value: next.value.value });
    }
  } finally {
    await iterator.close();
  }
  return { entries, bookmark };
}

/** A page of JSON objects stored directly under the partial key. */
export async function pageOfObjects<T>(
  ctx: Context,
  objectType: string,
  prefix: string[],
  pageSize: number,
  bookmark: string,
  mode: PagingMode = 'read-only',
): Promise<Page<T>> {
  const page = await pageOfKeys(ctx, objectType, prefix, pageSize, bookmark, mode);
  return { items: page.entries.map((entry) => fromBytes(entry.value) as T), bookmark: page.bookmark };
}
