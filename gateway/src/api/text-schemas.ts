import { z } from 'zod';

/**
 * The whitespace String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), spelled
 * out instead of \s: the OpenAPI document carries this pattern, and other regex engines (Python's,
 * in schemathesis) give \s another meaning.
 */
const TRIMMED_WHITESPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/** At least one character that is not whitespace. */
export const NOT_BLANK = new RegExp(`[^${TRIMMED_WHITESPACE}]`);

/**
 * Free text: at most `max` characters as sent, not blank, kept trimmed. The generated JSON Schema
 * (maxLength and the NOT_BLANK pattern) says exactly what is accepted, which `.trim().min(1)`
 * would not: its minLength lets "   " through on paper and the trim refuses it.
 */
export function nonBlankText(max: number) {
  return z.string().max(max).regex(NOT_BLANK, 'must not be blank').trim();
}

/**
 * The contract's object with each text field (a string with a maximum) restated as nonBlankText
 * of the same maximum, so its JSON Schema says exactly what is accepted; every other field, and
 * the object's own rules, stay the contract's.
 */
export function withNonBlankTexts<T extends z.ZodObject>(object: T): T {
  const texts: Record<string, z.ZodType> = {};
  for (const [field, schema] of Object.entries<z.ZodType>(object.shape)) {
    const text = nonBlankTextOf(schema);
    if (text !== undefined) {
      texts[field] = text;
    }
  }
  return object.extend(texts) as T;
}

function nonBlankTextOf(schema: z.ZodType): z.ZodType | undefined {
  if (schema instanceof z.ZodOptional) {
    return nonBlankTextOf(schema.unwrap() as z.ZodType)?.optional();
  }
  return schema instanceof z.ZodString && schema.maxLength !== null ? nonBlankText(schema.maxLength) : undefined;
}
