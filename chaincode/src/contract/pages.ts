import { z } from 'zod';

/**
 * One bounded page of a list, as every list transaction returns it. `bookmark` is empty on the
 * last page; otherwise pass it back, unchanged, to the same list with the same arguments.
 */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), bookmark: z.string() });
}

export interface Page<T> {
  items: T[];
  bookmark: string;
}

/** A count of things (versions, accesses, files): a whole number from 0. */
export const count = z.number().int().min(0);
/** A version number or another count that starts at 1. */
export const ordinal = z.number().int().min(1);
