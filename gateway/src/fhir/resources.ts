/**
 * The few FHIR R4 data types the mappings write (https://hl7.org/fhir/R4/datatypes.html). Only the
 * elements MedLedger fills are typed; every resource is plain JSON, ready to serialize.
 */

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  system: string;
  value: string;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Money {
  value: number;
  currency: string;
}

export interface Extension {
  url: string;
  valueString?: string;
  valueCode?: string;
  valueInteger?: number;
  valueMoney?: Money;
}

export interface Quantity {
  value: number;
  unit: string;
  system?: string;
  code?: string;
}

/**
 * A reference to a resource in the same Bundle (`reference` is that entry's fullUrl), or a logical
 * reference to a party outside it, by its pseudonymous identifier only.
 */
export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
}

export interface Attachment {
  contentType?: string;
  url?: string;
  size?: number;
  title?: string;
  creation?: string;
}

export interface Annotation {
  text: string;
}

/** Any resource: its type, its id in the Bundle, and whatever its mapping sets. */
export interface Resource {
  resourceType: string;
  id: string;
  identifier?: Identifier[];
  extension?: Extension[];
}

export interface BundleEntry {
  fullUrl: string;
  resource: Resource;
}

export interface Bundle {
  resourceType: 'Bundle';
  id: string;
  type: 'collection';
  timestamp: string;
  entry: BundleEntry[];
}
