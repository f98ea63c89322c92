import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from './errors';
import { pageOfKeys, type Page, type PagingMode } from './paging';
import { sortedCopy } from './serialization';
import { deleteIndex, objectKey, readObject, writeIndex } from './state';
import { txTimeIso } from './time';
import { requireOneOf } from './validation';

/**
 * A page of objects found through an index whose last key part is the object's ID. Reads run
 * after the paginated query, so the transaction stays read-only as Fabric requires ('read-only'
 * mode; see PagingMode for the mode a logged list uses).
 */
export async function pageViaIndex<T>(
  ctx: Context,
  indexType: string,
  prefix: string[],
  objectType: string,
  pageSize: number,
  bookmark: string,
  mode: PagingMode = 'read-only',
): Promise<Page<T>> {
  const page = await pageOfKeys(ctx, indexType, prefix, pageSize, bookmark, mode);
  const items: T[] = [];
  for (const entry of page.entries) {
    const id = entry.parts[entry.parts.length - 1];
    const found = id === undefined ? undefined : await readObject<T>(ctx, objectKey(ctx, objectType, [id]));
    if (found === undefined) {
      throw new ChaincodeError('NOT_FOUND', `index ${indexType} points at a missing ${objectType}`);
    }
    items.push(found);
  }
  return { items, bookmark: page.bookmark };
}

/** A page's items as the views a transaction returns, judged at transaction time (an effective status, an open window). */
export function viewsAt<T, V>(ctx: Context, page: Page<T>, view: (item: T, now: string) => V): Page<V> {
  const now = txTimeIso(ctx);
  return sortedCopy({ items: page.items.map((item) => view(item, now)), bookmark: page.bookmark });
}

/** Re-files an index entry whose parts changed (typically the status part). */
export async function moveIndex(ctx: Context, indexType: string, from: string[], to: string[]): Promise<void> {
  if (from.length === to.length && from.every((part, index) => part === to[index])) {
    return;
  }
  await deleteIndex(ctx, indexType, from);
  await writeIndex(ctx, indexType, to);
}

/** A status filter argument: '' lists every status, otherwise one of `allowed`. */
export function statusFilter<T extends string>(status: string, allowed: readonly T[]): T[] {
  return status === '' ? [] : [requireOneOf('status', status, allowed)];
}
