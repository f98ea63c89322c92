import { api, ok } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { PriceList } from './types';

/** A hospital's published price list, or undefined before it publishes one (the API answers 404). */
export async function loadPriceList(hospitalId: string): Promise<PriceList | undefined> {
  try {
    return await ok(api.GET('/hospitals/{hospitalId}/price-list', { params: { path: { hospitalId } } }));
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return undefined;
    throw error;
  }
}
