import type { Resource } from '../../fhir/resources';
import { matchesDates, type DateComparison } from './search-params';

/**
 * meta.lastUpdated and `_lastUpdated`: the ledger's last change of the object a resource stands
 * for (its updatedAt), stamped on what the server answers, and the search filter over the same
 * instant (applied to the ledger page read, like date: a page may hold fewer than _count).
 */
export function stamped<R extends Resource>(resource: R, updatedAt: string): R & { meta: { lastUpdated: string } } {
  const meta = (resource as { meta?: Record<string, unknown> }).meta;
  return { ...resource, meta: { ...meta, lastUpdated: updatedAt } };
}

/** Whether an object last changed when the search's `_lastUpdated` comparisons ask (all of them; none, always). */
export function updatedAsAsked(object: { updatedAt: string }, lastUpdated: readonly DateComparison[] | undefined): boolean {
  return matchesDates(object.updatedAt, lastUpdated);
}
