import { useEffect, useState } from 'react';
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

/**
 * The names of the hospitals' services by hospital and code ("LAB-CBC" → "Complete blood count"),
 * from their published price lists, so a request shows what was asked for, not only its code.
 */
export function useServiceNames(hospitalIds: readonly string[]): Readonly<Record<string, Readonly<Record<string, string>>>> {
  const [names, setNames] = useState<Record<string, Record<string, string>>>({});
  const key = [...new Set(hospitalIds)].sort().join(',');
  useEffect(() => {
    let current = true;
    const wanted = key === '' ? [] : key.split(',');
    void Promise.all(wanted.map(async (hospitalId) => [hospitalId, await loadPriceList(hospitalId).catch(() => undefined)] as const)).then((lists) => {
      if (!current) return;
      setNames(Object.fromEntries(lists.map(([hospitalId, list]) => [hospitalId, Object.fromEntries((list?.items ?? []).map((item) => [item.code, item.name]))])));
    });
    return () => {
      current = false;
    };
  }, [key]);
  return names;
}
