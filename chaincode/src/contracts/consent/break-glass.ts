import type { Context } from 'fabric-contract-api';
import {
  BREAK_GLASS_MINUTES,
  BREAK_GLASS_REASON_MAX,
  MAX_SALT_BYTES,
  MIN_SALT_BYTES,
  type BreakGlass,
  type BreakGlassRecord,
  type BreakGlassView,
  type MedicalFileHead,
  type Page,
} from '../../contract';
import { breakGlassRecordOpened, currentBreakGlass, requireActsForPatient } from '../../lib/access-decision';
import { readStakeholder, requireActor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { pageViaIndex, viewsAt } from '../../lib/indexed-page';
import { HEALTH_COLLECTION, requireTransientJson, writePatientPrivate } from '../../lib/private-data';
import { sortedCopy } from '../../lib/serialization';
import { fileHeadKey } from '../../lib/medical-files';
import { objectKey, readObject, readPrivate, requireObjectById, writeIndex, writeObject } from '../../lib/state';
import { addSeconds, txTimeIso } from '../../lib/time';
import { requireObjectId, requireStakeholderId, requireText } from '../../lib/validation';
import {
  BREAK_GLASS_BY_PATIENT_INDEX,
  BREAK_GLASS_CURRENT_TYPE,
  BREAK_GLASS_REASON_TYPE,
  BREAK_GLASS_RECORD_REASON_TYPE,
  BREAK_GLASS_RECORD_TRANSIENT_FIELD,
  BREAK_GLASS_RECORD_TYPE,
  BREAK_GLASS_TRANSIENT_FIELD,
  BREAK_GLASS_TYPE,
  breakGlassReasonHash,
  type BreakGlassPointer,
  type BreakGlassReason,
  type BreakGlassRecordReason,
} from '../../models/break-glass';

/* Break-glass: a doctor's time-boxed emergency view of a patient's data without consent. */

const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+$/;

/**
 * The break-glass salt from the transient input: hex (tried first) or base64/base64url of
 * MIN_SALT_BYTES..MAX_SALT_BYTES bytes. The chaincode cannot draw randomness, so the client must;
 * this only refuses salts too short to stop a dictionary of likely reasons.
 */
function requireSalt(value: unknown): Buffer {
  const text = typeof value === 'string' ? value : '';
  let bytes: Buffer | undefined;
  if (HEX_PATTERN.test(text)) {
    bytes = Buffer.from(text, 'hex');
  } else if (BASE64_PATTERN.test(text)) {
    bytes = Buffer.from(text, 'base64');
  } else if (BASE64URL_PATTERN.test(text)) {
    bytes = Buffer.from(text, 'base64url');
  }
  if (bytes === undefined || bytes.length < MIN_SALT_BYTES || bytes.length > MAX_SALT_BYTES) {
    throw new ChaincodeError('INVALID_ARGUMENT', `salt must be ${MIN_SALT_BYTES}-${MAX_SALT_BYTES} random bytes, hex or base64 encoded`);
  }
  return bytes;
}

function breakGlassView(record: BreakGlass, now: string): BreakGlassView {
  return { ...record, open: Date.parse(now) < Date.parse(record.expiresAt) };
}

async function requirePatient(ctx: Context, patientId: string): Promise<void> {
  const patient = await readStakeholder(ctx, patientId);
  if (patient === undefined || patient.role !== 'patient') {
    throw new ChaincodeError('NOT_FOUND', `patient ${patientId} does not exist`);
  }
}

/** The justification and its salt from a transient field: {"reason": "...", "salt": "..."}. */
function requireReason(ctx: Context, field: string): { reason: string; salt: Buffer } {
  const input = requireTransientJson(ctx, field);
  const reason = requireText('reason', typeof input.reason === 'string' ? input.reason : '', BREAK_GLASS_REASON_MAX);
  return { reason, salt: requireSalt(input.salt) };
}

export async function openBreakGlass(ctx: Context, patientId: string): Promise<BreakGlassView> {
  const actor = await requireActor(ctx, ['doctor']);
  requireStakeholderId('patientId', patientId);
  const { reason, salt } = requireReason(ctx, BREAK_GLASS_TRANSIENT_FIELD);
  await requirePatient(ctx, patientId);
  const open = await currentBreakGlass(ctx, patientId, actor.stakeholderId);
  if (open !== undefined) {
    throw new ChaincodeError('INVALID_STATE', `break-glass ${open.breakGlassId} is already open until ${open.expiresAt}`);
  }
  const now = txTimeIso(ctx);
  const id = newObjectId(ctx, 'bg');
  const privatePart: BreakGlassReason = { breakGlassId: id, reason, salt: salt.toString('hex') };
  const record: BreakGlass = {
    id,
    patientId,
    doctorId: actor.stakeholderId,
    reasonHash: breakGlassReasonHash(salt, reason),
    openedAt: now,
    expiresAt: addSeconds(now, BREAK_GLASS_MINUTES * 60),
  };
  await writeObject(ctx, objectKey(ctx, BREAK_GLASS_TYPE, [id]), record);
  await writeIndex(ctx, BREAK_GLASS_BY_PATIENT_INDEX, [patientId, now, id]);
  await writeObject(ctx, objectKey(ctx, BREAK_GLASS_CURRENT_TYPE, [patientId, actor.stakeholderId]), {
    breakGlassId: id,
    expiresAt: record.expiresAt,
  } satisfies BreakGlassPointer);
  await writePatientPrivate(ctx, patientId, objectKey(ctx, BREAK_GLASS_REASON_TYPE, [id]), privatePart);
  emitEvent(ctx, 'breakGlass', { breakGlassId: id, patientId, doctorId: actor.stakeholderId, openedAt: now, expiresAt: record.expiresAt });
  return sortedCopy(breakGlassView(record, now));
}

export async function getBreakGlass(ctx: Context, breakGlassId: string): Promise<BreakGlassView> {
  const actor = await requireActor(ctx, ['patient', 'doctor', 'regulator']);
  const record = await requireObjectById<BreakGlass>(ctx, BREAK_GLASS_TYPE, 'breakGlassId', breakGlassId, 'break-glass');
  if (actor.role !== 'regulator' && actor.stakeholderId !== record.doctorId) {
    await requireActsForPatient(ctx, actor, record.patientId);
  }
  return sortedCopy(breakGlassView(record, txTimeIso(ctx)));
}

export async function listBreakGlassByPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<BreakGlassView>> {
  const actor = await requireActor(ctx, ['patient', 'regulator']);
  requireStakeholderId('patientId', patientId);
  if (actor.role !== 'regulator') {
    await requireActsForPatient(ctx, actor, patientId);
  }
  return viewsAt(ctx, await pageViaIndex<BreakGlass>(ctx, BREAK_GLASS_BY_PATIENT_INDEX, [patientId], BREAK_GLASS_TYPE, pageSize, bookmark), breakGlassView);
}

/** A V file of this patient, or NOT_FOUND / INVALID_STATE (an N or R record needs no opening). */
async function requireVeryRestrictedFile(ctx: Context, patientId: string, recordId: string): Promise<void> {
  const head = await readObject<MedicalFileHead>(ctx, fileHeadKey(ctx, recordId));
  if (head?.patientId !== patientId || head.status !== 'active') {
    throw new ChaincodeError('NOT_FOUND', `patient ${patientId} has no medical file ${recordId}`);
  }
  if (head.confidentiality !== 'V') {
    throw new ChaincodeError('INVALID_STATE', `medical file ${recordId} is labelled ${head.confidentiality}; the break-glass window reaches it without opening it`);
  }
}

/** The second reason must be its own: the window's reason repeated word for word is refused. */
async function requireSeparateReason(ctx: Context, breakGlassId: string, reason: string): Promise<void> {
  const first = await readPrivate<BreakGlassReason>(ctx, HEALTH_COLLECTION, objectKey(ctx, BREAK_GLASS_REASON_TYPE, [breakGlassId]));
  if (first !== undefined && first.reason.trim() === reason.trim()) {
    throw new ChaincodeError('INVALID_ARGUMENT', `reason repeats the reason of break-glass ${breakGlassId}; a V record needs its own, separate reason`);
  }
}

/**
 * Within the doctor's open break-glass window, opens one V record of the patient with a second,
 * separate reason (transient BREAK_GLASS_RECORD_TRANSIENT_FIELD: {reason, salt}). From then until
 * the window closes, the doctor's ETREAT reads of that record are allowed and logged as
 * break-glass. The reason goes to the health collection; public state holds its salted hash.
 */
export async function openBreakGlassRecord(ctx: Context, patientId: string, recordId: string): Promise<BreakGlassRecord> {
  const actor = await requireActor(ctx, ['doctor']);
  requireStakeholderId('patientId', patientId);
  requireObjectId('recordId', recordId);
  const { reason, salt } = requireReason(ctx, BREAK_GLASS_RECORD_TRANSIENT_FIELD);
  const window = await currentBreakGlass(ctx, patientId, actor.stakeholderId);
  if (window === undefined) {
    throw new ChaincodeError('INVALID_STATE', `${actor.stakeholderId} has no open break-glass window for patient ${patientId}; open one first (Consent:breakGlass)`);
  }
  await requireVeryRestrictedFile(ctx, patientId, recordId);
  if (await breakGlassRecordOpened(ctx, window.breakGlassId, recordId)) {
    throw new ChaincodeError('ALREADY_EXISTS', `record ${recordId} is already open within break-glass ${window.breakGlassId}`);
  }
  await requireSeparateReason(ctx, window.breakGlassId, reason);
  const now = txTimeIso(ctx);
  const record: BreakGlassRecord = {
    breakGlassId: window.breakGlassId,
    recordId,
    patientId,
    doctorId: actor.stakeholderId,
    reasonHash: breakGlassReasonHash(salt, reason),
    openedAt: now,
    expiresAt: window.expiresAt,
  };
  const privatePart: BreakGlassRecordReason = { breakGlassId: window.breakGlassId, recordId, reason, salt: salt.toString('hex') };
  await writeObject(ctx, objectKey(ctx, BREAK_GLASS_RECORD_TYPE, [window.breakGlassId, recordId]), record);
  await writePatientPrivate(ctx, patientId, objectKey(ctx, BREAK_GLASS_RECORD_REASON_TYPE, [window.breakGlassId, recordId]), privatePart);
  emitEvent(ctx, 'breakGlassRecord', { breakGlassId: window.breakGlassId, recordId, patientId, doctorId: actor.stakeholderId, openedAt: now, expiresAt: window.expiresAt });
  return sortedCopy(record);
}
