/**
 * The one serializer for world state, private data and event payloads. Keys are written in sorted
 * order so every endorsing peer produces byte-identical values; otherwise endorsements would
 * disagree and the transaction would be invalidated.
 */
export function toSortedJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value));
}

/**
 * What a transaction returns: a copy of `value` with its keys sorted at every level and undefined
 * fields left out. fabric-contract-api writes a returned object with JSON.stringify (after
 * class-transformer's classToPlain, which keeps key order), so the client receives exactly
 * toSortedJson(value): the same bytes from every endorser, which the gateway compares.
 */
export function sortedCopy<T>(value: T): T {
  return sortKeysDeep(value) as T;
}

export function toBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(toSortedJson(value));
}

/** Parses stored bytes; the caller knows (and states) what it stored there. */
export function fromBytes(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(bytes));
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeysDeep);
  }
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) {
        sorted[key] = sortKeysDeep(child);
      }
    }
    return sorted;
  }
  return value;
}
