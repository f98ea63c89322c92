import type { LedgerCalls } from '../../ledger/ledger-calls';
import { LedgerError } from '../../ledger/ledger-port';
import type { Principal } from '../../identity/principals/principal';
import type { DirectoryEntry } from './directory-entry';
import type { DirectoryFilter, DirectoryRepository } from './directory-repository';

/** How many batches of candidates one page reads before it answers with what it found (and a cursor). */
const MAX_BATCHES = 3;

/**
 * Whether the entry's stakeholder is, on the ledger and right now, an active stakeholder of the
 * entry's role: the one rule for showing an entry. Asked at every read (never cached), so a
 * suspension or a pending verification hides the entry at once.
 */
export async function isListed(ledger: LedgerCalls, caller: Principal, entry: DirectoryEntry): Promise<boolean> {
  try {
    const record = await ledger.evaluateJson(caller, 'Stakeholder:get', [entry.stakeholderId]);
    return record.status === 'active' && record.role === entry.role;
  } catch (error) {
    if (error instanceof LedgerError && error.code === 'NOT_FOUND') {
      return false;
    }
    throw error;
  }
}

export interface DirectoryPage {
  items: DirectoryEntry[];
  /** The last stakeholder ID looked at when more may follow; undefined at the end. */
  lastSeen: string | undefined;
}

/**
 * A page of listed entries after `afterId`: candidates come from the repository in ID order and
 * each is checked on the ledger. Unlisted candidates are skipped, so a page may hold fewer than
 * `limit` entries and still have a next one (as the ledger's filtered lists do).
 */
export async function listedPage(
  repository: DirectoryRepository,
  ledger: LedgerCalls,
  caller: Principal,
  search: { filter: DirectoryFilter; afterId: string; limit: number },
): Promise<DirectoryPage> {
  const items: DirectoryEntry[] = [];
  let after = search.afterId;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const wanted = search.limit - items.length;
    const candidates = await repository.after(search.filter, after, wanted);
    const listed = await Promise.all(candidates.map((entry) => isListed(ledger, caller, entry)));
    items.push(...candidates.filter((_entry, index) => listed[index]));
    const last = candidates.at(-1);
    if (last === undefined || candidates.length < wanted) {
      return { items, lastSeen: undefined };
    }
    after = last.stakeholderId;
    if (items.length === search.limit) {
      break;
    }
  }
  return { items, lastSeen: after };
}
