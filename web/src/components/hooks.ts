import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, messageOf } from '../api/problem';
import type { Outcome } from './Feedback';

export type Loaded<T> = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; data: T };

/**
 * Loads data for a page; `reload()` after an action. A late answer for an older call is dropped,
 * so a fast click cannot show stale data.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { state: Loaded<T>; reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    load().then(
      (data) => {
        if (call === latest.current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (call === latest.current) setState({ status: 'failed', message: messageOf(error) });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what `load` depends on
  }, [...deps, tick]);
  const reload = useCallback(() => {
    setTick((value) => value + 1);
  }, []);
  return { state, reload };
}

/**
 * Runs an action and keeps its outcome: "busy" while it runs, then the success message or the
 * problem's title and detail. `run` never throws, so a handler can await it without try/catch.
 */
export function useAction(): { outcome: Outcome; run: (action: () => Promise<ReactNode>) => Promise<boolean>; reset: () => void } {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const run = useCallback(async (action: () => Promise<ReactNode>) => {
    setOutcome({ kind: 'busy' });
    try {
      setOutcome({ kind: 'done', message: await action() });
      return true;
    } catch (error) {
      const code = error instanceof ApiError ? error.problem.code : undefined;
      setOutcome(code === undefined ? { kind: 'failed', message: messageOf(error) } : { kind: 'failed', message: messageOf(error), code });
      return false;
    }
  }, []);
  const reset = useCallback(() => {
    setOutcome({ kind: 'idle' });
  }, []);
  return { outcome, run, reset };
}
