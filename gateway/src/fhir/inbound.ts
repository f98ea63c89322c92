import { z } from 'zod';
import { ledgerIdOf } from './ids';
import { SYSTEMS } from './references';

/**
 * What a FHIR resource a client sends (a create) may hold, parsed once here: the resource's
 * bookkeeping elements (id, meta, narrative, extensions), which carry nothing the ledger takes and
 * are ignored, and references to stakeholders. Any other element the mapping does not read is
 * refused (400 VALIDATION_FAILED), never dropped: a request is done as the client meant or not at all.
 */
export function fhirInput<const Type extends string, Shape extends z.ZodRawShape>(resourceType: Type, shape: Shape) {
  return z.strictObject({
    resourceType: z.literal(resourceType),
    id: z.string().optional(),
    meta: z.unknown().optional(),
    text: z.unknown().optional(),
    extension: z.array(z.unknown()).optional(),
    ...shape,
  });
}

/** A Reference as a client writes it: relative (Practitioner/doc-1a2b) or logical (by the stakeholder identifier). */
export const inboundReference = z.object({
  reference: z.string().optional(),
  type: z.string().optional(),
  identifier: z.object({ system: z.string().optional(), value: z.string() }).optional(),
  display: z.string().optional(),
});
export type InboundReference = z.infer<typeof inboundReference>;

/** A CodeableConcept whose text is what the ledger keeps (a free-text medicine, a reason). */
export const textConcept = z.object({ text: z.string(), coding: z.array(z.unknown()).optional() });

/**
 * The stakeholder a reference names, when it is one of these types: `Type/id` (the server's
 * relative reference) or an identifier in the stakeholder system; undefined otherwise.
 */
export function stakeholderIn(reference: InboundReference, types: readonly string[]): { id: string; type?: string } | undefined {
  return reference.reference === undefined ? byIdentifier(reference, types) : byRelativeReference(reference.reference, types);
}

function byRelativeReference(reference: string, types: readonly string[]): { id: string; type: string } | undefined {
  const [type, id, ...rest] = reference.split('/');
  const ledgerId = id === undefined ? undefined : ledgerIdOf(id);
  return type !== undefined && types.includes(type) && rest.length === 0 && ledgerId !== undefined ? { id: ledgerId, type } : undefined;
}

function byIdentifier({ identifier, type }: InboundReference, types: readonly string[]): { id: string; type?: string } | undefined {
  if (identifier?.system !== SYSTEMS.stakeholder || (type !== undefined && !types.includes(type))) {
    return undefined;
  }
  return { id: identifier.value, ...(type === undefined ? {} : { type }) };
}

/** The ledger object a reference to a resource of this type names (`Type/id`), or undefined. */
export function objectIn(reference: InboundReference, type: string): string | undefined {
  const [named, id, ...rest] = (reference.reference ?? '').split('/');
  return named === type && id !== undefined && rest.length === 0 ? ledgerIdOf(id) : undefined;
}

/** Adds an issue at this path of the resource and answers z.NEVER, for a transform that cannot map its input. */
export function unmappable(context: z.RefinementCtx, path: (string | number)[], message: string): never {
  context.addIssue({ code: 'custom', path, message });
  return z.NEVER;
}
