import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from './errors';
import { pageOfKeys, type Page, type PagingMode } from './paging';
import { deleteIndex, writeIndex } from './state';

/**
 * Listing a workflow object (appointment, service request) by one of its parties, in time order,
 * optionally filtered by status. Two composite-key indexes per party role keep both lists a
 * partial-key query: `all` = [partyId, sortKey, id] and `byStatus` = [partyId, status, sortKey, id].
 */
export interface PartyIndex {
  readonly all: string;
  readonly byStatus: string;
}

/** Where one object sits in a party's lists. */
export interface PartyPosition {
  readonly partyId: string;
  readonly status: string;
  readonly sortKey: string;
}

export async function addToPartyIndex(ctx: Context, index: PartyIndex, position: PartyPosition, id: string): Promise<void> {
  await writeIndex(ctx, index.all, [position.partyId, position.sortKey, id]);
  await writeIndex(ctx, index.byStatus, [position.partyId, position.status, position.sortKey, id]);
}

/** Moves the entries after a status or time change; unchanged entries are left alone. */
export async function movePartyIndex(
  ctx: Context,
  index: PartyIndex,
  before: PartyPosition,
  after: PartyPosition,
  id: string,
): Promise<void> {
  if (before.partyId === after.partyId && before.sortKey === after.sortKey && before.status === after.status) {
    return;
  }
  if (before.partyId !== after.partyId || before.sortKey !== after.sortKey) {
    await deleteIndex(ctx, index.all, [before.partyId, before.sortKey, id]);
    await writeIndex(ctx, index.all, [after.partyId, after.sortKey, id]);
  }
  await deleteIndex(ctx, index.byStatus, [before.partyId, before.status, before.sortKey, id]);
  await writeIndex(ctx, index.byStatus, [after.partyId, after.status, after.sortKey, id]);
}

/**
 * One page of a party's objects; `status` '' lists every status. `load` reads the object an
 * index entry points to (its ID is the last key part).
 */
export async function pageByParty<T>(
  ctx: Context,
  index: PartyIndex,
  partyId: string,
  status: string,
  pageSize: number,
  bookmark: string,
  load: (id: string) => Promise<T>,
  mode: PagingMode = 'read-only',
): Promise<Page<T>> {
  const page =
    status === ''
      ? await pageOfKeys(ctx, index.all, [partyId], pageSize, bookmark, mode)
      : await pageOfKeys(ctx, index.byStatus, [partyId, status], pageSize, bookmark, mode);
  const items: T[] = [];
  for (const entry of page.entries) {
    const id = entry.parts[entry.parts.length - 1];
    if (id === undefined) {
      throw new ChaincodeError('NOT_FOUND', `index entry ${entry.key} has no object ID`);
    }
    items.push(await load(id));
  }
  return { items, bookmark: page.bookmark };
}
