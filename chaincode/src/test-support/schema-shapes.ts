/**
 * Reduces two descriptions of a result to one comparable shape: the JSON schema fabric-contract-api
 * serves in GetMetadata (the @Object lib/result-objects.ts registers), and the JSON schema zod
 * writes for a contract-surface view. A shape keeps what both can say: property names, which are
 * required, and primitive types (integers are numbers; enums and constants are their base type).
 *
 * Metadata cannot say "one of" or "or null", so a zod union of objects becomes one object with
 * every variant's properties, required only where every variant requires them (a property a
 * variant forbids with z.never() is left out of that variant), and a nullable value becomes the
 * value.
 */

export type Shape =
  | { kind: 'string' | 'number' | 'boolean' }
  | { kind: 'array'; items: Shape }
  | { kind: 'map'; values: Shape }
  | { kind: 'object'; properties: Record<string, { required: boolean; shape: Shape }> };

type JsonSchema = Record<string, unknown>;

const asSchema = (value: unknown): JsonSchema => (value !== null && typeof value === 'object' ? (value as JsonSchema) : {});
const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function primitive(type: unknown): Shape | undefined {
  if (type === 'string' || type === 'boolean' || type === 'number') {
    return { kind: type };
  }
  return type === 'integer' ? { kind: 'number' } : undefined;
}

/** The shape of a schema as GetMetadata states it; `components` resolves $ref. */
export function metadataShape(schema: JsonSchema, components: Record<string, JsonSchema>): Shape {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? '';
    const component = components[name];
    if (component === undefined) {
      throw new Error(`GetMetadata refers to ${name}, which it does not describe`);
    }
    const required = stringList(component.required);
    const properties = Object.entries(asSchema(component.properties)).map(([property, value]) => [
      property,
      { required: required.includes(property), shape: metadataShape(asSchema(value), components) },
    ]);
    return { kind: 'object', properties: Object.fromEntries(properties) as Record<string, { required: boolean; shape: Shape }> };
  }
  if (schema.type === 'array') {
    return { kind: 'array', items: metadataShape(asSchema(schema.items), components) };
  }
  if (schema.type === 'object' && schema.additionalProperties !== undefined) {
    return { kind: 'map', values: metadataShape(asSchema(schema.additionalProperties), components) };
  }
  const shape = primitive(schema.type);
  if (shape === undefined) {
    throw new Error(`GetMetadata has a result schema without a type: ${JSON.stringify(schema)}`);
  }
  return shape;
}

const isNever = (schema: JsonSchema): boolean => typeof schema.not === 'object' && Object.keys(asSchema(schema.not)).length === 0;

function objectOf(schema: JsonSchema, root: JsonSchema): Shape {
  const required = stringList(schema.required);
  const properties = Object.entries(asSchema(schema.properties))
    .filter(([, value]) => !isNever(asSchema(value)))
    .map(([property, value]) => [property, { required: required.includes(property), shape: zodJsonShape(asSchema(value), root) }]);
  return { kind: 'object', properties: Object.fromEntries(properties) as Record<string, { required: boolean; shape: Shape }> };
}

/** One object with every variant's properties, required where every variant requires them. */
function merged(variants: Shape[]): Shape {
  const objects = variants.filter((variant) => variant.kind === 'object');
  if (objects.length !== variants.length) {
    throw new Error('a union of other than objects cannot be described in GetMetadata');
  }
  const properties: Record<string, { required: boolean; shape: Shape }> = {};
  for (const variant of objects) {
    for (const [name, property] of Object.entries(variant.properties)) {
      const everywhere = objects.every((other) => other.properties[name]?.required === true);
      properties[name] = { required: everywhere, shape: property.shape };
    }
  }
  return { kind: 'object', properties };
}

/** A union: the one variant that is not null (a nullable value), or the variants merged. */
function unionOf(variants: unknown[], root: JsonSchema): Shape {
  const present = variants.map(asSchema).filter((variant) => variant.type !== 'null');
  const [only] = present;
  return present.length === 1 && only !== undefined ? zodJsonShape(only, root) : merged(present.map((variant) => zodJsonShape(variant, root)));
}

/** The shape of a JSON schema z.toJSONSchema wrote; `root` resolves its $defs. */
export function zodJsonShape(schema: JsonSchema, root: JsonSchema = schema): Shape {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? '';
    return zodJsonShape(asSchema(asSchema(root.$defs)[name]), root);
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants)) {
    return unionOf(variants, root);
  }
  if (schema.type === 'array') {
    return { kind: 'array', items: zodJsonShape(asSchema(schema.items), root) };
  }
  if (schema.type === 'object') {
    return schema.properties === undefined ? { kind: 'map', values: zodJsonShape(asSchema(schema.additionalProperties), root) } : objectOf(schema, root);
  }
  const shape = primitive(schema.type);
  if (shape === undefined) {
    throw new Error(`a view has a schema GetMetadata cannot describe: ${JSON.stringify(schema)}`);
  }
  return shape;
}
