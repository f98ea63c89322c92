import { setTimeout as sleep } from 'node:timers/promises';
import type { Session } from '../test-support/saml-browser';
import type { DispenseSupply } from './dispense-supply';
import { isAck, type Attempt, type GatewayAddress, type LoadActors } from './fault-load';
import type { LedgerProbe } from './ledger-probe';
import type { ReceivedNotification, ResumingStream } from './resuming-stream';

/** One row of the fault table. */
export interface FaultRow {
  fault: string;
  /** Distinct writes answered 2xx. */
  acked: number;
  /** The same, per kind of write. */
  ackedByKind: Record<string, number>;
  /** Acknowledged writes the gateway's API cannot read back. */
  lost: number;
  /**
   * One write on the ledger more than once (a grant's Idempotency-Key twice, a 2xx replay naming
   * another grant, a prescription dispensed more often than it has dispensed orders, a notification twice).
   */
  duplicates: number;
  /** A 2xx whose transaction the peer's ledger does not hold as VALID. */
  falseAcks: number;
  /** Acknowledged writes whose notification never reached the streams. */
  missedNotifications: number;
  /** Idempotency-Keys still unanswered (no 2xx, no refusal) once the load settled. */
  undecided: number;
  /** From the restart of the failed node until the first 2xx of a write sent after it. */
  recoveryMs: number;
  /** Status → count, of every request in the window. */
  statuses: Record<string, number>;
}

export interface AuditContext {
  gateway: GatewayAddress;
  actors: LoadActors;
  probe: LedgerProbe;
  patientStream: ResumingStream;
  doctorStream: ResumingStream;
  dispensing: DispenseSupply;
}

const NOTIFICATION_WAIT_MS = 60_000;

/** The first 2xx of a write sent at or after `from` (ms since epoch), as a duration from `from`; -1 when none. */
export function recoveryAfter(attempts: Attempt[], from: number): number {
  const first = attempts.filter((attempt) => isAck(attempt) && attempt.sentAt >= from).sort((a, b) => a.answeredAt - b.answeredAt)[0];
  return first === undefined ? -1 : first.answeredAt - from;
}

/**
 * Reads every acknowledged write of `attempts` back, through the gateway's API and from a peer's
 * ledger (the write's transaction, named by the response or by its notification), and counts
 * what was lost, duplicated or acknowledged falsely.
 */
export async function audit(fault: string, attempts: Attempt[], recoveryMs: number, context: AuditContext): Promise<FaultRow> {
  const acked = attempts.filter(isAck);
  const writes = new Map(acked.map((attempt) => [`${attempt.kind}:${attempt.writeId}`, attempt]));
  const notified = await notificationsFor([...writes.values()], context);
  const ackedByKind: Record<string, number> = {};
  for (const { kind } of writes.values()) ackedByKind[kind] = (ackedByKind[kind] ?? 0) + 1;
  const row: FaultRow = { fault, acked: writes.size, ackedByKind, lost: 0, duplicates: 0, falseAcks: 0, missedNotifications: 0, undecided: 0, recoveryMs, statuses: statusCounts(attempts) };
  const logEntries = await accessLogIds(context);
  for (const write of writes.values()) {
    if (!(await readBack(write, logEntries, context))) row.lost += 1;
    const txId = write.txId ?? notified.get(write.resourceId ?? '')?.txId;
    if (txId === undefined) row.missedNotifications += 1;
    else if ((await context.probe.fate(txId)) !== 'valid') row.falseAcks += 1;
  }
  row.duplicates = await grantDuplicates(attempts, context) + replayedAsAnother(acked) + repeatedNotifications(context) + await dispenseDuplicates(context);
  return row;
}

function statusCounts(attempts: Attempt[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status, code } of attempts) {
    const key = code === undefined ? String(status) : `${String(status)} ${code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Waits until each acknowledged grant, access check and dispense has its notification, then indexes them by the ID they name. */
async function notificationsFor(writes: Attempt[], { patientStream, doctorStream }: AuditContext): Promise<Map<string, ReceivedNotification>> {
  const expected = writes.filter((write) => write.kind !== 'upload' && write.resourceId !== undefined);
  const index = (): Map<string, ReceivedNotification> => {
    const found = new Map<string, ReceivedNotification>();
    for (const notification of doctorStream.received.filter((each) => each.type === 'consent.granted')) found.set(String(notification.subject.grantId), notification);
    for (const notification of patientStream.received.filter((each) => each.type === 'data.accessed')) found.set(String(notification.subject.logEntryId), notification);
    // an order is updated as it is placed, accepted and dispensed: the dispense is the one saying so
    for (const notification of patientStream.received.filter((each) => each.type === 'order.updated' && each.subject.status === 'dispensed')) found.set(String(notification.subject.orderId), notification);
    return found;
  };
  const deadline = Date.now() + NOTIFICATION_WAIT_MS;
  let found = index();
  while (expected.some((write) => !found.has(write.resourceId ?? '')) && Date.now() < deadline) {
    await sleep(500);
    found = index();
  }
  return found;
}

async function readBack(write: Attempt, logEntries: Set<string>, { gateway, actors }: AuditContext): Promise<boolean> {
  if (write.resourceId === undefined) return false;
  if (write.kind === 'access-check') return logEntries.has(write.resourceId);
  if (write.kind === 'dispense') {
    const order = await get(gateway, actors.patient, `/orders/${write.resourceId}`);
    return order.status === 200 && DISPENSED.includes(String((order.body as { status?: unknown }).status));
  }
  const path = write.kind === 'grant' ? `/consents/${write.resourceId}` : `/files/${write.resourceId}`;
  return (await get(gateway, actors.patient, path)).status === 200;
}

/** An order dispensed, and perhaps received since. */
const DISPENSED = ['dispensed', 'received'];

/**
 * Dispenses the ledger counted on the load's prescriptions (dispenseCount) beyond the orders it
 * holds as dispensed: a dispense applied twice. Counted as growth since the last audit, so each
 * row shows its own.
 */
async function dispenseDuplicates({ gateway, actors, dispensing }: AuditContext): Promise<number> {
  const ordersPer = new Map<string, number>();
  for await (const order of pages(gateway, actors.patient, `/patients/${actors.patient.stakeholderId}/orders?status=dispensed`)) {
    ordersPer.set(String(order.prescriptionId), (ordersPer.get(String(order.prescriptionId)) ?? 0) + 1);
  }
  let excess = 0;
  for (const prescriptionId of dispensing.prescriptionIds) {
    const prescription = await get(gateway, actors.patient, `/prescriptions/${prescriptionId}`);
    if (prescription.status !== 200) throw new Error(`GET /prescriptions/${prescriptionId}: ${String(prescription.status)}`);
    excess += Number((prescription.body as { dispenseCount?: unknown }).dispenseCount) - (ordersPer.get(prescriptionId) ?? 0);
  }
  const grown = excess - dispensing.auditedExcess;
  dispensing.auditedExcess = excess;
  return Math.max(0, grown);
}

/** Every entry ID of the patient's access log (newest first, paged). */
async function accessLogIds({ gateway, actors }: AuditContext): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const item of pages(gateway, actors.patient, `/patients/${actors.patient.stakeholderId}/access-log`)) {
    for (const key of ['id', 'logEntryId']) if (typeof item[key] === 'string') ids.add(item[key]);
  }
  return ids;
}

/** Grants on the ledger per Idempotency-Key (each key's body has its own validUntil): more than one is a duplicate. */
async function grantDuplicates(attempts: Attempt[], { gateway, actors }: AuditContext): Promise<number> {
  const markers = new Set(attempts.filter((attempt) => attempt.kind === 'grant' && attempt.marker !== undefined).map((attempt) => Date.parse(attempt.marker ?? '')));
  const perMarker = new Map<number, number>();
  for await (const grant of pages(gateway, actors.patient, `/patients/${actors.patient.stakeholderId}/consents`)) {
    const at = Date.parse(String(grant.validUntil));
    if (markers.has(at)) perMarker.set(at, (perMarker.get(at) ?? 0) + 1);
  }
  return [...perMarker.values()].reduce((sum, count) => sum + count - 1, 0);
}

/** 2xx answers to one Idempotency-Key that name different grants. */
function replayedAsAnother(acked: Attempt[]): number {
  const named = new Map<string, Set<string>>();
  for (const attempt of acked.filter((each) => each.kind === 'grant')) {
    named.set(attempt.writeId, (named.get(attempt.writeId) ?? new Set()).add(attempt.resourceId ?? ''));
  }
  return [...named.values()].reduce((sum, ids) => sum + ids.size - 1, 0);
}

/** A notification delivered twice on one stream (by ID, or one transaction's notice twice). */
function repeatedNotifications({ patientStream, doctorStream }: AuditContext): number {
  let repeated = 0;
  for (const stream of [patientStream, doctorStream]) {
    const seen = new Set<string>();
    for (const notification of stream.received) {
      const key = `${notification.type}:${notification.txId ?? notification.id}`;
      if (seen.has(key) || seen.has(notification.id)) repeated += 1;
      seen.add(key);
      seen.add(notification.id);
    }
  }
  return repeated;
}

async function* pages(gateway: GatewayAddress, session: Session, path: string): AsyncGenerator<Record<string, unknown>> {
  let cursor: string | null = null;
  do {
    const query = `${path.includes('?') ? '&' : '?'}limit=50${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const response = await get(gateway, session, `${path}${query}`);
    if (response.status !== 200) throw new Error(`GET ${path}: ${String(response.status)} ${JSON.stringify(response.body)}`);
    const page = response.body as { items: Record<string, unknown>[]; nextCursor: string | null };
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

async function get(gateway: GatewayAddress, session: Session, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${gateway.baseUrl}${path}`, { headers: { Cookie: session.cookie } });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}
