import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from './errors';
import { fromBytes, toBytes } from './serialization';
import { requireObjectId } from './validation';

/**
 * World-state access for JSON objects. Every object lives under a composite key
 * (objectType + id parts) so lists can use partial-key queries instead of scans.
 */
export function objectKey(ctx: Context, objectType: string, parts: string[]): string {
  return ctx.stub.createCompositeKey(objectType, parts);
}

export async function readObject<T>(ctx: Context, key: string): Promise<T | undefined> {
  const bytes = await ctx.stub.getState(key);
  return bytes.length === 0 ? undefined : (fromBytes(bytes) as T);
}

export async function requireObject<T>(ctx: Context, key: string, what: string): Promise<T> {
  const found = await readObject<T>(ctx, key);
  if (found === undefined) {
    throw new ChaincodeError('NOT_FOUND', `${what} does not exist`);
  }
  return found;
}

/**
 * The object of `objectType` whose ID arrived as argument `field`: the ID's form is checked first
 * (INVALID_ARGUMENT), then its presence (NOT_FOUND, "<what> <id> does not exist").
 */
export async function requireObjectById<T>(ctx: Context, objectType: string, field: string, id: string, what: string): Promise<T> {
  requireObjectId(field, id);
  return requireObject<T>(ctx, objectKey(ctx, objectType, [id]), `${what} ${id}`);
}

export async function writeObject(ctx: Context, key: string, value: unknown): Promise<void> {
  await ctx.stub.putState(key, toBytes(value));
}

/**
 * The object IDs an index holds under a partial key (each entry's last key part), in key order.
 * Unbounded, so only for lists that stay small or run once: one grantee's grants from one
 * patient, one file's amendments, a patient's files at erasure.
 */
export async function idsUnder(ctx: Context, indexType: string, prefix: string[]): Promise<string[]> {
  const ids: string[] = [];
  const iterator = await ctx.stub.getStateByPartialCompositeKey(indexType, prefix);
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const { attributes } = ctx.stub.splitCompositeKey(next.value.key);
      const id = attributes[attributes.length - 1];
      if (id !== undefined) {
        ids.push(id);
      }
    }
  } finally {
    await iterator.close();
  }
  return ids;
}

/** Index entries are keys with an empty-object value; their key parts carry the pointer. */
export async function writeIndex(ctx: Context, indexType: string, parts: string[]): Promise<void> {
  await ctx.stub.putState(ctx.stub.createCompositeKey(indexType, parts), toBytes({}));
}

export async function deleteIndex(ctx: Context, indexType: string, parts: string[]): Promise<void> {
  await ctx.stub.deleteState(ctx.stub.createCompositeKey(indexType, parts));
}

export async function readPrivate<T>(ctx: Context, collection: string, key: string): Promise<T | undefined> {
  const bytes = await ctx.stub.getPrivateData(collection, key);
  return bytes.length === 0 ? undefined : (fromBytes(bytes) as T);
}

