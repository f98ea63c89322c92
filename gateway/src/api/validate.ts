import type { z } from 'zod';
import { Problem } from './errors/problems';

/** Parses a request part with its schema; a mismatch is a 422 listing each bad field. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new Problem('VALIDATION_FAILED', errors.map((error) => `${error.path || '(body)'}: ${error.message}`).join('; '), { errors });
  }
  return result.data;
}
