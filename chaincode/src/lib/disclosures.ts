import type { Context } from 'fabric-contract-api';
import type { DataCategory } from '../contract';
import { decideAccess, type AccessDecision, type AccessQuery } from './access-decision';
import { recordAccess, type AccessedResource } from './access-log';
import type { Actor } from './actors';
import type { PagingMode } from './paging';
import { statedPurpose } from './purposes';

/**
 * The accounting of disclosures: the one rule for which reads of a patient's data are logged.
 * Every transaction that hands a patient's data (content, metadata or a list) to anyone other than
 * that patient writes an access-log entry through here; the patient's own reads write none, so
 * they stay evaluations. The entries are written by the transaction that reads, so a read that is
 * evaluated instead of submitted leaves no entry and the gateway submits every such read
 * (api/ledger-operations.ts).
 */

/**
 * What a workflow counterparty reads by its part in the workflow, without a grant: no purpose has
 * to match, and the entry records the purpose the caller states (statedPurpose).
 */
export function partyDecision(ctx: Context, actor: Actor): AccessDecision {
  return { basis: 'party', purpose: statedPurpose(ctx, actor.role) };
}

/** One read of one patient's data: what it answered and why the caller was let in. */
export interface Disclosure {
  query: AccessQuery;
  decision: AccessDecision;
}

/** Logs the read unless the caller is the patient. */
export async function recordDisclosure(ctx: Context, actor: Actor, disclosure: Disclosure, resource: AccessedResource): Promise<void> {
  if (disclosure.decision.basis !== 'owner') {
    await recordAccess(ctx, actor, disclosure.query, disclosure.decision, resource);
  }
}

/**
 * The read rule of one object: a workflow counterparty named on it (`parties`: its provider,
 * pharmacy, insurer, prescriber or submitter) reads it as 'party'; anyone else through
 * decideAccess. Either way the read is logged, unless the caller is the patient.
 */
export async function decideAndRecord(
  ctx: Context,
  actor: Actor,
  query: AccessQuery,
  resource: AccessedResource,
  parties: readonly string[] = [],
): Promise<AccessDecision> {
  if (actor.stakeholderId !== query.patientId && parties.includes(actor.stakeholderId)) {
    return recordPartyRead(ctx, actor, query, resource);
  }
  const decision = await decideAccess(ctx, actor, query);
  await recordDisclosure(ctx, actor, { query, decision }, resource);
  return decision;
}

/** A read by the workflow's counterparty (the caller is named on the object): logged with basis 'party'. */
export async function recordPartyRead(ctx: Context, actor: Actor, query: AccessQuery, resource: AccessedResource): Promise<AccessDecision> {
  const decision = partyDecision(ctx, actor);
  await recordAccess(ctx, actor, query, decision, resource);
  return decision;
}

/** A party's own list (its appointments, orders, claims...): one 'party' entry per patient on the page. */
export async function recordPartyList(
  ctx: Context,
  party: Actor,
  listName: string,
  category: DataCategory,
  items: readonly { patientId: string }[],
): Promise<void> {
  const decision = partyDecision(ctx, party);
  const shown = items.map((item) => ({ query: { patientId: item.patientId, action: 'view' as const, category }, decision }));
  await recordListRead(ctx, party, listName, shown);
}

/**
 * How a list read by this decision pages: the patient's own list keeps the peer's pagination (and
 * is evaluated); anyone else's list must write its entries, so it scans (paging.ts PagingMode).
 */
export function pagingFor(decision: AccessDecision): PagingMode {
  return decision.basis === 'owner' ? 'read-only' : 'logged';
}

/**
 * Logs one list read: one entry per patient and category on the page (not one per item), so a
 * grantee paging through a patient's files leaves "listed lab files" rather than one line per
 * file, while a doctor's list of appointments still names each patient whose data it showed.
 * The resource is the list ('list', "<list name>.<patient ID>"); the first decision met for a
 * (patient, category) is the one logged. A list of one patient's data passes the one decision
 * that let the caller list it, so even an empty page is logged (it says there is nothing).
 */
export async function recordListRead(ctx: Context, actor: Actor, listName: string, disclosures: readonly Disclosure[]): Promise<void> {
  const seen = new Map<string, Disclosure>();
  for (const disclosure of disclosures) {
    const key = `${disclosure.query.patientId}\u0000${disclosure.query.category}`;
    if (!seen.has(key)) {
      seen.set(key, disclosure);
    }
  }
  for (const disclosure of [...seen.values()]) {
    const listed: Disclosure = { query: { ...disclosure.query, recordId: undefined }, decision: disclosure.decision };
    await recordDisclosure(ctx, actor, listed, { type: 'list', id: `${listName}.${disclosure.query.patientId}` });
  }
}
