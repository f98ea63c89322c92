/**
 * The ID an action button is about, for screen readers and tests only ("Cancel" reads "Cancel
 * rx-1"): the card around the button already shows it, and long IDs would crowd the buttons.
 */
export function ForId({ id, prefix = '' }: { id: string; prefix?: string }) {
  return <span className="visually-hidden">{` ${prefix}${id}`}</span>;
}
