import { CATALOG, type CatalogCode } from './catalog';

/**
 * Throw this from a route or middleware; the error middleware turns it into problem+json. Its
 * status and title come from the one error catalog (catalog.ts). Domain code throws its own
 * coded errors instead (coded-errors.ts), so it never imports HTTP.
 */
export class Problem extends Error {
  override readonly name = 'Problem';

  constructor(
    readonly code: CatalogCode,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail === undefined ? code : `${code}: ${detail}`);
  }

  get status(): number {
    return CATALOG[this.code].status;
  }
}
