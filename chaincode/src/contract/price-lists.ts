import { z } from 'zod';
import { instant } from './formats';
import { stakeholderId } from './identifiers';
import { MAX_SERVICE_PRICE_MINOR, PRICE_LIST_LIMITS } from './limits';
import { currency } from './payments';

/**
 * A hospital's published price list: what each of its services costs, public by design (prices
 * are not health data). The hospital replaces the whole list at once; anyone registered reads it.
 */

/** A price-list item's code, e.g. "LAB-CBC": 1-20 capital letters, digits or dashes. */
export const PRICE_ITEM_CODE_PATTERN = /^[A-Z0-9-]{1,20}$/;

export const priceItemCode = z.string().regex(PRICE_ITEM_CODE_PATTERN, 'must be 1-20 capital letters, digits or dashes, e.g. LAB-CBC');

export const priceListItem = z.object({
  code: priceItemCode,
  name: z.string().min(1).max(PRICE_LIST_LIMITS.name),
  /** In minor units (cents); 0 for a free service. */
  price: z.number().int().min(0).max(MAX_SERVICE_PRICE_MINOR),
  currency,
});
export type PriceListItem = z.infer<typeof priceListItem>;

export const priceList = z.object({
  hospitalId: stakeholderId,
  items: z.array(priceListItem).max(PRICE_LIST_LIMITS.items),
  updatedAt: instant,
});
export type PriceList = z.infer<typeof priceList>;
