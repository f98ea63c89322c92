import type { Page } from '@medledger/chaincode/client';
import { allPages } from './patient-data';

/** A list of pages by the bookmark that asks for each ('' for the first). */
function pages(byBookmark: Record<string, Page<number>>) {
  const asked: string[] = [];
  const read = (bookmark: string) => {
    asked.push(bookmark);
    const page = byBookmark[bookmark];
    return page === undefined ? Promise.reject(new Error(`no page at ${bookmark}`)) : Promise.resolve(page);
  };
  return { asked, read };
}

describe('allPages: the take-out reads a list to its end', () => {
  it('when the ledger answers several pages, some short, then every page is read, following each bookmark until the empty one', async () => {
    const list = pages({ '': { items: [1, 2], bookmark: 'b2' }, b2: { items: [3], bookmark: 'b3' }, b3: { items: [], bookmark: 'b4' }, b4: { items: [4], bookmark: '' } });

    const items = await allPages(list.read);

    expect(items).toEqual([1, 2, 3, 4]);
    expect(list.asked).toEqual(['', 'b2', 'b3', 'b4']);
  });

  it('when the ledger hands back a bookmark it gave before, then the list ends instead of repeating pages forever', async () => {
    const list = pages({ '': { items: [1], bookmark: 'b2' }, b2: { items: [2], bookmark: 'b2' } });

    const items = await allPages(list.read);

    expect(items).toEqual([1, 2]);
    expect(list.asked).toEqual(['', 'b2']);
  });
});
