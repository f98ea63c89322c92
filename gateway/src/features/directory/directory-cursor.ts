import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Problem } from '../../api/errors/problems';
import type { DirectoryFilter } from './directory-repository';

/**
 * The directory's cursors: the last stakeholder ID of the previous page, bound to the caller and
 * the search, like the ledger's cursors are bound to their list (api/pagination.ts). The entries
 * are no secret, but a cursor of another search or another caller is refused all the same, so a
 * client never silently pages a different list than the one it started.
 */
const cursorBody = z.object({ after: z.string().min(1).max(64), bound: z.string().length(32) }).strict();

function bindingOf(principalId: string, filter: DirectoryFilter): string {
  const search = JSON.stringify([principalId, filter.role ?? null, filter.specialty ?? null, filter.q ?? null]);
  return createHash('sha256').update(search).digest('hex').slice(0, 32);
}

export function directoryCursor(principalId: string, filter: DirectoryFilter, afterId: string): string {
  return Buffer.from(JSON.stringify({ after: afterId, bound: bindingOf(principalId, filter) }), 'utf8').toString('base64url');
}

/** The stakeholder ID the page starts after ('' without a cursor), or 400 INVALID_ARGUMENT. */
export function afterIdOf(principalId: string, filter: DirectoryFilter, cursor: string | undefined): string {
  if (cursor === undefined) {
    return '';
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const body = cursorBody.safeParse(parsed);
  if (!body.success || body.data.bound !== bindingOf(principalId, filter)) {
    throw new Problem('INVALID_ARGUMENT', 'the cursor does not belong to this search: pass the nextCursor of the previous page of the same search, as the same caller');
  }
  return body.data.after;
}
