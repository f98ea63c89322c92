/**
 * A FHIR `status` search over a ledger list. A FHIR status stands for one or more ledger statuses
 * (the mapping is many-to-one: an appointment declined or cancelled is `cancelled`): one is passed
 * to the ledger's own status filter, several are filtered from the page the ledger answered (so a
 * page may hold fewer than _count and still have a next link, as the REST lists that filter).
 */
export interface StatusFilter<Ledger extends string> {
  /** The ledger status to list by, when the FHIR status is exactly one. */
  ledgerStatus?: Ledger;
  keeps(status: Ledger): boolean;
}

export function statusFilter<Ledger extends string, Fhir extends string>(mapping: Readonly<Record<Ledger, Fhir>>, wanted: Fhir | undefined): StatusFilter<Ledger> {
  if (wanted === undefined) {
    return { keeps: () => true };
  }
  const statuses = (Object.keys(mapping) as Ledger[]).filter((status) => mapping[status] === wanted);
  const [only] = statuses;
  return statuses.length === 1 && only !== undefined ? { ledgerStatus: only, keeps: () => true } : { keeps: (status) => statuses.includes(status) };
}

/** The FHIR status codes a mapping answers, for the search parameter's enum. */
export function fhirStatuses<Fhir extends string>(mapping: Readonly<Record<string, Fhir>>): [Fhir, ...Fhir[]] {
  const codes = [...new Set(Object.values(mapping))];
  if (codes[0] === undefined) {
    throw new Error('a status mapping maps nothing');
  }
  return codes as [Fhir, ...Fhir[]];
}
