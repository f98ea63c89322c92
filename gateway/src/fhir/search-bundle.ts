import type { Resource } from './resources';

/**
 * A search's answer (https://hl7.org/fhir/R4/bundle.html, type searchset): the matches, each with
 * its absolute fullUrl, and the links self and, when there is a next page, next. Paging is the
 * ledger's: next carries the page's cursor, which only the same search by the same caller may use.
 */
export interface SearchsetBundle {
  resourceType: 'Bundle';
  type: 'searchset';
  timestamp: string;
  link: { relation: 'self' | 'next'; url: string }[];
  entry?: { fullUrl: string; resource: Resource; search: { mode: 'match' } }[];
}

export interface SearchPage {
  /** The server's base URL (https://host/fhir): fullUrls are base/Type/id. */
  base: string;
  timestamp: string;
  /** The URL of this page, and of the next one when there is one. */
  self: string;
  next?: string;
  resources: readonly Resource[];
}

export function searchsetBundle({ base, timestamp, self, next, resources }: SearchPage): SearchsetBundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp,
    link: [{ relation: 'self', url: self }, ...(next === undefined ? [] : [{ relation: 'next' as const, url: next }])],
    ...(resources.length === 0 ? {} : { entry: resources.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' as const } })) }),
  };
}
