import type { Context } from 'fabric-contract-api';
import { BREAK_GLASS_MINUTES, BREAK_GLASS_REASON_MAX, MAX_SALT_BYTES, MIN_SALT_BYTES, type BreakGlass, type BreakGlassView, type Page } from '../../contract';
import { currentBreakGlass, requireActsForPatient } from '../../lib/access-decision';
import { readStakeholder, requireActor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { pageViaIndex, viewsAt } from '../../lib/indexed-page';
import { requireTransientJson, writePatientPrivate } from '../../lib/private-data';
import { sortedCopy } from '../../lib/serialization';
import { objectKey, requireObjectById, writeIndex, writeObject } from '../../lib/state';
import { addSeconds, txTimeIso } from '../../lib/time';
import { requireStakeholderId, requireText } from '../../lib/validation';
import {
  BREAK_GLASS_BY_PATIENT_INDEX,
  BREAK_GLASS_CURRENT_TYPE,
  BREAK_GLASS_REASON_TYPE,
  BREAK_GLASS_TRANSIENT_FIELD,
  BREAK_GLASS_TYPE,
  breakGlassReasonHash,
  type BreakGlassPointer,
  type BreakGlassReason,
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

export async function openBreakGlass(ctx: Context, patientId: string): Promise<BreakGlassView> {
  const actor = await requireActor(ctx, ['doctor']);
  requireStakeholderId('patientId', patientId);
  const input = requireTransientJson(ctx, BREAK_GLASS_TRANSIENT_FIELD);
  const reason = requireText('reason', typeof input.reason === 'string' ? input.reason : '', BREAK_GLASS_REASON_MAX);
  const salt = requireSalt(input.salt);
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
