import { ChaincodeError } from './errors';

/** One allowed step of a workflow: the statuses it may start from and the status it leads to. */
export interface Transition<S extends string> {
  readonly from: readonly S[];
  readonly to: S;
}

/** A workflow's transitions, keyed by the transaction that performs them. */
export type TransitionTable<S extends string, A extends string> = Readonly<Record<A, Transition<S>>>;

/**
 * The status `action` leads to from `current`, or an INVALID_STATE refusal naming the statuses
 * the action needs. Contracts call this before any write, so a refused step changes nothing.
 */
export function nextStatus<S extends string, A extends string>(
  table: TransitionTable<S, A>,
  action: A,
  current: S,
  what: string,
): S {
  const transition: Transition<S> = table[action];
  if (!transition.from.includes(current)) {
    throw new ChaincodeError('INVALID_STATE', `${what} is ${current}; ${action} needs ${transition.from.join(' or ')}`);
  }
  return transition.to;
}
