import { FHIR_VERSION } from './fhir-media';

/** The interactions a resource type may declare (https://hl7.org/fhir/R4/http.html). */
export type TypeInteraction = 'read' | 'vread' | 'search-type' | 'create';

export type SearchParamType = 'token' | 'reference' | 'date' | 'string' | 'number';

export interface SearchParamDeclaration {
  name: string;
  type: SearchParamType;
  documentation: string;
}

/** What the server serves of one resource type, as its registered interactions declare it. */
export interface ServedType {
  type: string;
  interactions: readonly TypeInteraction[];
  searchParams: readonly SearchParamDeclaration[];
  /** True when read answers vread's versions (meta.versionId). */
  versioned?: boolean;
  /** What a client must know of the type beyond its interactions. */
  documentation?: string;
}

export interface CapabilityStatement {
  resourceType: 'CapabilityStatement';
  status: 'active';
  date: string;
  kind: 'instance';
  software: { name: string; version: string };
  implementation: { description: string; url: string };
  fhirVersion: string;
  format: string[];
  rest: {
    mode: 'server';
    security: { cors: boolean; description: string };
    resource: {
      type: string;
      documentation?: string;
      versioning: 'no-version' | 'versioned';
      readHistory: boolean;
      interaction: { code: TypeInteraction }[];
      searchParam?: SearchParamDeclaration[];
    }[];
  }[];
}

/** The CapabilityStatement (https://hl7.org/fhir/R4/capabilitystatement.html) of what is served, generated, never written by hand. */
export function capabilityStatementOf(served: readonly ServedType[], at: { date: string; base: string; version: string }): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: at.date,
    kind: 'instance',
    software: { name: 'MedLedger gateway', version: at.version },
    implementation: { description: 'MedLedger FHIR R4 facade over the consent-enforcing ledger', url: at.base },
    fhirVersion: FHIR_VERSION,
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: { cors: false, description: 'The same credentials as the REST API (bearer token, API key or session); the ledger decides consent and logs every disclosure.' },
        resource: served.map((type) => ({
          type: type.type,
          ...(type.documentation === undefined ? {} : { documentation: type.documentation }),
          versioning: type.versioned === true ? 'versioned' : 'no-version',
          readHistory: false,
          interaction: type.interactions.map((code) => ({ code })),
          ...(type.searchParams.length === 0 ? {} : { searchParam: [...type.searchParams] }),
        })),
      },
    ],
  };
}
