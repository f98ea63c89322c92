import { CURRENCY_PATTERN, MAX_SERVICE_PRICE_MINOR, PRICE_ITEM_CODE_PATTERN, PRICE_LIST_LIMITS, type PriceListItem } from '../contract';
import { ChaincodeError } from '../lib/errors';
import { parseJsonArgument, requireKnownFields, requirePattern, requireRecord, requireText, requireWholeNumber } from '../lib/validation';

export type { PriceList, PriceListItem } from '../contract';

const ITEM_FIELDS = new Set(['code', 'name', 'price', 'currency']);

/** HospitalService:setPriceList's itemsJson: a list of at most PRICE_LIST_LIMITS.items items with distinct codes. */
export function parsePriceListItems(itemsJson: string): PriceListItem[] {
  const raw = parseJsonArgument('itemsJson', itemsJson);
  if (!Array.isArray(raw) || raw.length > PRICE_LIST_LIMITS.items) {
    throw new ChaincodeError('INVALID_ARGUMENT', `itemsJson must be a list of at most ${PRICE_LIST_LIMITS.items} items`);
  }
  const items = raw.map((item: unknown, index) => parseItem(item, `itemsJson[${index}]`));
  const codes = items.map((item) => item.code);
  const repeated = codes.find((code, index) => codes.indexOf(code) !== index);
  if (repeated !== undefined) {
    throw new ChaincodeError('INVALID_ARGUMENT', `itemsJson lists code ${repeated} more than once`);
  }
  return items;
}

function parseItem(raw: unknown, where: string): PriceListItem {
  const record = requireRecord(raw, `${where} must be an object {code, name, price, currency}`);
  requireKnownFields(where, record, ITEM_FIELDS, 'price-list item field');
  const text = (field: string): string => {
    const value = record[field];
    if (typeof value !== 'string') {
      throw new ChaincodeError('INVALID_ARGUMENT', `${where}.${field} must be text`);
    }
    return value;
  };
  return {
    code: requirePattern(`${where}.code`, text('code'), PRICE_ITEM_CODE_PATTERN, '1-20 capital letters, digits or dashes'),
    name: requireText(`${where}.name`, text('name'), PRICE_LIST_LIMITS.name),
    price: requireWholeNumber(`${where}.price`, record.price, { min: 0, max: MAX_SERVICE_PRICE_MINOR }),
    currency: requirePattern(`${where}.currency`, text('currency'), CURRENCY_PATTERN, 'an ISO 4217 code such as EUR'),
  };
}
