/** One page of a list as the API answers it (limit/cursor paging). */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** How many pages a screen reads at most before it says there is more (keeps a page load bounded). */
export const MAX_PAGES = 10;

/**
 * Every item of a list, following nextCursor up to MAX_PAGES pages; `more` says the list went on
 * past them, so the page can tell the person instead of pretending it showed all.
 */
export async function allPages<T>(read: (cursor: string | undefined) => Promise<ListPage<T>>): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await read(cursor);
    items.push(...answer.items);
    if (answer.nextCursor === null) return { items, more: false };
    cursor = answer.nextCursor;
  }
  return { items, more: true };
}
