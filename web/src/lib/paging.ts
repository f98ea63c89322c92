/** A page as every list of the API answers it. */
export interface ApiPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** The most pages a screen follows before it stops (100 items a page): a screen, not an export. */
export const MAX_PAGES = 10;

/**
 * Every item of a list, following nextCursor (a page may hold fewer items than asked and still
 * have a next one). `complete` is false when the screen stopped at MAX_PAGES.
 */
export async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<ApiPage<T>>): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await fetchPage(cursor);
    items.push(...answer.items);
    if (answer.nextCursor === null) return { items, complete: true };
    cursor = answer.nextCursor;
  }
  return { items, complete: false };
}
