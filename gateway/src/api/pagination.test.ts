import { randomBytes } from 'node:crypto';
import { bookmarkOf, pageFromLedger, pageQuery } from './pagination';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function isCanonical(cursor: string): boolean {
  const bytes = Buffer.from(cursor, 'base64url');
  return bytes.length > 0 && bytes.toString('base64url') === cursor;
}

function acceptsCursor(cursor: string): boolean {
  return pageQuery.safeParse({ cursor }).success;
}

describe('cursor syntax', () => {
  it('when every string of one to three base64url characters, alone or after a whole group, is tried, then exactly the canonical encodings of at least one byte are accepted', () => {
    const disagreements: string[] = [];
    const tails = [''];
    for (let length = 1; length <= 3; length += 1) {
      for (const tail of tails.filter((candidate) => candidate.length === length - 1)) {
        for (const character of ALPHABET) {
          tails.push(tail + character);
        }
      }
    }
    for (const tail of tails) {
      for (const cursor of [tail, `QUJD${tail}`]) {
        if (acceptsCursor(cursor) !== isCanonical(cursor)) {
          disagreements.push(cursor);
        }
      }
    }

    expect(tails.length).toBe(1 + 64 + 64 ** 2 + 64 ** 3);
    expect(disagreements).toEqual([]);
  });

  it('when a bookmark of any bytes is made a cursor, then the cursor is accepted and stands for the same bookmark', () => {
    for (let length = 1; length <= 300; length += 1) {
      const bookmark = randomBytes(length).toString('latin1').replace(/[\u0080-\u00ff]/g, 'é');
      const { nextCursor } = pageFromLedger({ items: [], bookmark });

      expect(nextCursor !== null && acceptsCursor(nextCursor)).toBe(true);
      expect(bookmarkOf(nextCursor ?? undefined)).toBe(bookmark);
    }
  });

  it('when a cursor is padded, empty or not base64url, then the query is invalid', () => {
    for (const cursor of ['', '0', 'A', 'AB', 'QQ==', 'a+b/', 'a b', 'Zm9v\u0000']) {
      expect({ cursor, accepted: acceptsCursor(cursor) }).toEqual({ cursor, accepted: false });
    }
  });
});
