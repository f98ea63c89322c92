import type { Context } from 'fabric-contract-api';
import type { PatientErasure } from '../contract';
import { PATIENT_ERASURE_TYPE } from '../models/patient-erasure';
import { ChaincodeError } from './errors';
import { fromBytes, toBytes } from './serialization';

/**
 * The one private data collection (network/config/collections.json). Clinical details live here,
 * written from transient input so they never appear in a transaction's arguments on the ledger.
 */
export const HEALTH_COLLECTION = 'healthRecords';

/** Reads a JSON object from the transient map; clinical input must arrive this way. */
export function requireTransientJson(ctx: Context, field: string): Record<string, unknown> {
  const bytes = ctx.stub.getTransient().get(field);
  if (bytes === undefined || bytes.length === 0) {
    throw new ChaincodeError('INVALID_ARGUMENT', `transient field "${field}" is required (clinical details never go in arguments)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ChaincodeError('INVALID_ARGUMENT', `transient field "${field}" must be JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `transient field "${field}" must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Public index of every private key a patient has: `private~patient~key` + [patientId, objectType,
 * ...the private key's parts]. Only pseudonymous IDs and object types, never content, so erasure
 * can find every private item of a patient without scanning the collection.
 */
export const PRIVATE_BY_PATIENT_INDEX = 'private~patient~key';

/** A private key as the index holds it: the object type and the key's parts. */
export interface IndexedPrivateKey {
  objectType: string;
  parts: string[];
}

function indexKey(ctx: Context, patientId: string, key: string): string {
  const { objectType, attributes } = ctx.stub.splitCompositeKey(key);
  if (objectType === '' || !key.startsWith('\u0000')) {
    // Every private key is a composite key, so its type and parts can be indexed and rebuilt.
    throw new Error(`private key ${JSON.stringify(key)} is not a composite key`);
  }
  return ctx.stub.createCompositeKey(PRIVATE_BY_PATIENT_INDEX, [patientId, objectType, ...attributes]);
}

/**
 * The one way to write private data: the value goes to the health collection under `key` (a
 * composite key), and the patient's index gets the key, so erasure finds it. A private write
 * anywhere else would escape erasure; private-data-choke-point.test.ts fails for one.
 */
export async function writePatientPrivate(ctx: Context, patientId: string, key: string, value: unknown): Promise<void> {
  const entry = indexKey(ctx, patientId, key);
  await ctx.stub.putPrivateData(HEALTH_COLLECTION, key, toBytes(value));
  await ctx.stub.putState(entry, toBytes({}));
}

/** Purges a patient's private item with its history (no trace left on the peers) and drops its index entry. */
export async function purgePatientPrivate(ctx: Context, patientId: string, key: string): Promise<void> {
  const entry = indexKey(ctx, patientId, key);
  await ctx.stub.purgePrivateData(HEALTH_COLLECTION, key);
  await ctx.stub.deleteState(entry);
}

/** Up to `limit` of the patient's indexed private keys, in key order. */
export async function indexedPrivateKeys(ctx: Context, patientId: string, limit: number): Promise<IndexedPrivateKey[]> {
  const found: IndexedPrivateKey[] = [];
  const iterator = await ctx.stub.getStateByPartialCompositeKey(PRIVATE_BY_PATIENT_INDEX, [patientId]);
  try {
    for (let next = await iterator.next(); !next.done && found.length < limit; next = await iterator.next()) {
      const [, objectType, ...parts] = ctx.stub.splitCompositeKey(next.value.key).attributes;
      if (objectType !== undefined) {
        found.push({ objectType, parts });
      }
    }
  } finally {
    await iterator.close();
  }
  return found;
}

/**
 * Reads a patient's private item. Missing from the collection: undefined when this peer simply
 * lacks it, ERASED once the patient has erased their data (the details are gone for good).
 */
export async function readPatientPrivate<T>(ctx: Context, patientId: string, key: string, what: string): Promise<T | undefined> {
  const bytes = await ctx.stub.getPrivateData(HEALTH_COLLECTION, key);
  if (bytes.length > 0) {
    return fromBytes(bytes) as T;
  }
  const erasure = await ctx.stub.getState(ctx.stub.createCompositeKey(PATIENT_ERASURE_TYPE, [patientId]));
  if (erasure.length > 0) {
    const { startedAt } = fromBytes(erasure) as PatientErasure;
    throw new ChaincodeError('ERASED', `the details of ${what} were erased at patient ${patientId}'s request (erasure started ${startedAt})`);
  }
  return undefined;
}
