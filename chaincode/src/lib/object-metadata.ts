import { Object as DataType } from 'fabric-contract-api';

/**
 * Decorators for the classes that describe, in org.hyperledger.fabric:GetMetadata, what the
 * transactions return. fabric-contract-api 2.5's @Object lists a class's @Property fields but
 * never says which are always present, although the contract metadata schema has a `required`
 * list for it; without one, every field of every result would read as optional. @Model is @Object
 * plus that list: every @Property of the class is required unless it is also marked @Optional.
 *
 * Both keep their records where fabric-contract-api keeps its own, in reflect-metadata (which
 * fabric-contract-api loads): 'fabric:objects' on the global object holds every @Object schema.
 */

interface ObjectSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

interface ReflectMetadata {
  getMetadata(key: string, target: object): unknown;
  defineMetadata(key: string, value: unknown, target: object): void;
}

const OPTIONAL_KEY = 'medledger:optional-properties';
const metadata = Reflect as unknown as ReflectMetadata;

function optionalProperties(prototype: object): readonly string[] {
  const names = metadata.getMetadata(OPTIONAL_KEY, prototype);
  return Array.isArray(names) ? (names as string[]) : [];
}

/** Marks a @Property that a result may leave out (it is absent, never null, when unset). */
export function Optional(): PropertyDecorator {
  return (prototype, propertyKey) => {
    metadata.defineMetadata(OPTIONAL_KEY, [...optionalProperties(prototype), String(propertyKey)], prototype);
  };
}

/** fabric-contract-api's @Object, with the `required` list of the class's schema filled in. */
export function Model(): ClassDecorator {
  return (target) => {
    DataType()(target);
    const objects = metadata.getMetadata('fabric:objects', global) as Record<string, ObjectSchema> | undefined;
    const schema = objects?.[target.name];
    if (schema === undefined) {
      throw new Error(`@Object did not register ${target.name}`);
    }
    const properties = Object.keys(schema.properties ?? {});
    const optional = optionalProperties(target.prototype as object);
    const stray = optional.find((name) => !properties.includes(name));
    if (stray !== undefined) {
      throw new Error(`${target.name}.${stray} is @Optional but has no @Property`);
    }
    schema.required = properties.filter((name) => !optional.includes(name));
  };
}
