import type { Context } from 'fabric-contract-api';
import { ROLES, type PriceList } from '../../contract';
import { requireActor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { sortedCopy } from '../../lib/serialization';
import { objectKey, readObject, requireObject, writeObject } from '../../lib/state';
import { txTimeIso } from '../../lib/time';
import { requireStakeholderId } from '../../lib/validation';
import { parsePriceListItems } from '../../models/price-list';
import { PRICE_LIST_TYPE } from '../../models/service-request';

/*
 * A hospital's price list: public by design (prices are not health data), replaced as a whole by
 * the hospital itself, read by anyone registered.
 */

function priceListKey(ctx: Context, hospitalId: string): string {
  return objectKey(ctx, PRICE_LIST_TYPE, [hospitalId]);
}

export async function setPriceList(ctx: Context, itemsJson: string): Promise<PriceList> {
  const hospital = await requireActor(ctx, ['hospital']);
  const items = parsePriceListItems(itemsJson);
  const list: PriceList = { hospitalId: hospital.stakeholderId, items, updatedAt: txTimeIso(ctx) };
  await writeObject(ctx, priceListKey(ctx, list.hospitalId), list);
  emitEvent(ctx, 'setPriceList', { hospitalId: list.hospitalId, items: items.length, at: list.updatedAt });
  return sortedCopy(list);
}

export async function getPriceList(ctx: Context, hospitalId: string): Promise<PriceList> {
  await requireActor(ctx, ROLES);
  requireStakeholderId('hospitalId', hospitalId);
  return sortedCopy(await requireObject<PriceList>(ctx, priceListKey(ctx, hospitalId), `a price list of ${hospitalId}`));
}

/**
 * A service code a patient or a doctor names for this hospital: once the hospital publishes a
 * price list, the code must be one of its items, so a request names a service the hospital offers.
 */
export async function requireOfferedService(ctx: Context, hospitalId: string, serviceCode: string): Promise<void> {
  const list = await readObject<PriceList>(ctx, priceListKey(ctx, hospitalId));
  if (list !== undefined && !list.items.some((item) => item.code === serviceCode)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `serviceCode ${serviceCode} is not on the price list of hospital ${hospitalId}`);
  }
}
