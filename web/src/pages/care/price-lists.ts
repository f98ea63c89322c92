import { useEffect, useState } from 'react';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { PriceList, PriceListItem } from './types';

/** A hospital's published price list, or undefined before it publishes one (the API answers 404). */
export async function loadPriceList(hospitalId: string): Promise<PriceList | undefined> {
  try {
    return await ok(api.GET('/hospitals/{hospitalId}/price-list', { params: { path: { hospitalId } } }));
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return undefined;
    throw error;
  }
}

/** Each hospital's published services by code. */
export type Catalogues = Readonly<Record<string, Readonly<Record<string, PriceListItem>>>>;

/**
 * The hospitals' published services by hospital and code ("LAB-CBC" → Complete blood count, its
 * price), so a request shows what was asked for, not only its code, and a quote starts at the listed price.
 */
export function useCatalogues(hospitalIds: readonly string[]): Catalogues {
  const [names, setNames] = useState<Record<string, Record<string, PriceListItem>>>({});
  const key = [...new Set(hospitalIds)].sort().join(',');
  useEffect(() => {
    let current = true;
    const wanted = key === '' ? [] : key.split(',');
    void Promise.all(wanted.map(async (hospitalId) => [hospitalId, await loadPriceList(hospitalId).catch(() => undefined)] as const)).then((lists) => {
      if (!current) return;
      setNames(Object.fromEntries(lists.map(([hospitalId, list]) => [hospitalId, Object.fromEntries((list?.items ?? []).map((item) => [item.code, item]))])));
    });
    return () => {
      current = false;
    };
  }, [key]);
  return names;
}
