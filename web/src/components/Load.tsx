import type { ReactNode } from 'react';
import { ErrorMessage } from './Feedback';
import type { Loaded } from './hooks';

/**
 * What a page shows while its data loads (aria-busy, which the browser tests wait on), when the
 * load failed (the gateway's problem), and then the data.
 */
export function Load<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') {
    return (
      <p className="loading" aria-busy="true">
        Loading…
      </p>
    );
  }
  if (state.status === 'failed') return <ErrorMessage message={state.message} />;
  return <>{children(state.data)}</>;
}
