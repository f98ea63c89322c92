import { fullUrlOf, resourceId } from './references';
import type { Bundle, Resource } from './resources';

/**
 * A Bundle of type collection (https://hl7.org/fhir/R4/bundle.html): resources kept together,
 * each entry's fullUrl its urn:uuid, which is what references inside the Bundle point at.
 */
export function collectionBundle(name: string, timestamp: string, resources: readonly Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    id: resourceId('Bundle', `${name}@${timestamp}`),
    type: 'collection',
    timestamp,
    entry: resources.map((resource) => ({ fullUrl: fullUrlOf(resource), resource })),
  };
}
