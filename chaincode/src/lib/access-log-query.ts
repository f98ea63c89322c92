import type { Context } from 'fabric-contract-api';
import { accessLogFilter, type AccessLogEntry, type AccessLogFilter, type Page } from '../contract';
import { ACCESS_LOG_INDEXES, ACCESS_LOG_TYPE } from '../models/access-log-entry';
import { accessLogKey, newestFirstPosition } from './access-log';
import { ChaincodeError } from './errors';
import { pageOfKeys } from './paging';
import { fromBytes, sortedCopy } from './serialization';
import { readObject } from './state';
import { parseJsonArgument } from './validation';

/** A filter argument: '' or '{}' for none, else a JSON object of the contract's accessLogFilter. */
export function requireAccessLogFilter(filterJson: string): AccessLogFilter {
  if (filterJson === '') {
    return {};
  }
  const parsed = accessLogFilter.safeParse(parseJsonArgument('filter', filterJson));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'filter' : `filter.${issue.path.join('.')}`;
    throw new ChaincodeError('INVALID_ARGUMENT', `${where}: ${issue?.message ?? 'invalid'}; filter fields are accessorId, category, outcome, from, to`);
  }
  return parsed.data;
}

/** The key range a page is read from: the whole log, or one filter's index. */
interface Scan {
  indexType: string;
  prefix: string[];
  /** True for an index, whose keys point at the entry; false for the log itself, whose values are the entries. */
  indexed: boolean;
}

/**
 * The narrowest range for the filter: refusals first (rare, and what a patient looks for), then
 * the accessor, the category, allowed entries, else the whole log. The other filters are checked
 * on each entry read.
 */
function scanFor(patientId: string, filter: AccessLogFilter): Scan {
  const choices: [keyof typeof ACCESS_LOG_INDEXES, string | undefined][] = [
    ['outcome', filter.outcome === 'refused' ? 'refused' : undefined],
    ['accessorId', filter.accessorId],
    ['category', filter.category],
    ['outcome', filter.outcome],
  ];
  for (const [field, value] of choices) {
    if (value !== undefined) {
      return { indexType: ACCESS_LOG_INDEXES[field], prefix: [patientId, value], indexed: true };
    }
  }
  return { indexType: ACCESS_LOG_TYPE, prefix: [patientId], indexed: false };
}

function matches(entry: AccessLogEntry, filter: AccessLogFilter): boolean {
  return (
    (filter.accessorId === undefined || entry.accessorId === filter.accessorId) &&
    (filter.category === undefined || entry.category === filter.category) &&
    (filter.outcome === undefined || (entry.outcome ?? 'allowed') === filter.outcome) &&
    (filter.to === undefined || Date.parse(entry.at) <= Date.parse(filter.to))
  );
}

/** True once an entry is older than `from`: every later key in the range is older still. */
function beforePeriod(entry: AccessLogEntry, filter: AccessLogFilter): boolean {
  return filter.from !== undefined && Date.parse(entry.at) < Date.parse(filter.from);
}

async function entryAt(ctx: Context, scan: Scan, key: { parts: string[]; value: Uint8Array }): Promise<AccessLogEntry> {
  if (!scan.indexed) {
    return fromBytes(key.value) as AccessLogEntry;
  }
  const [patientId, , position, id] = key.parts;
  const entry = patientId === undefined || position === undefined || id === undefined ? undefined : await readObject<AccessLogEntry>(ctx, accessLogKey(ctx, patientId, position, id));
  if (entry === undefined) {
    throw new ChaincodeError('NOT_FOUND', `index ${scan.indexType} points at a missing access-log entry`);
  }
  return entry;
}

/**
 * One page of a patient's access log, newest first, filtered. A page reads at most pageSize keys
 * of the narrowest range (scanFor) and returns those that match every filter, so it is bounded
 * whatever the filter; with more than one filter a page may hold fewer entries than pageSize (even
 * none) while its bookmark is not empty. `to` starts the first page's scan at its position (the
 * bookmark the peer would have returned there); `from` ends the list at the first older entry.
 */
export async function queryAccessLog(ctx: Context, patientId: string, filter: AccessLogFilter, pageSize: number, bookmark: string): Promise<Page<AccessLogEntry>> {
  const scan = scanFor(patientId, filter);
  const start = bookmark === '' && filter.to !== undefined ? ctx.stub.createCompositeKey(scan.indexType, [...scan.prefix, newestFirstPosition(filter.to)]) : bookmark;
  const page = await pageOfKeys(ctx, scan.indexType, scan.prefix, pageSize, start);
  const items: AccessLogEntry[] = [];
  for (const key of page.entries) {
    const entry = await entryAt(ctx, scan, key);
    if (beforePeriod(entry, filter)) {
      return sortedCopy({ items, bookmark: '' });
    }
    if (matches(entry, filter)) {
      items.push(entry);
    }
  }
  return sortedCopy({ items, bookmark: page.bookmark });
}
