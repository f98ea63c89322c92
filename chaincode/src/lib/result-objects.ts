import { Object as DataType, Property } from 'fabric-contract-api';
import type { z } from 'zod';
import * as view from '../contract';

/**
 * The objects org.hyperledger.fabric:GetMetadata describes, built from the contract surface's zod
 * views, so a result's shape is written once (contract/) and GetMetadata cannot drift from it.
 * Each name is what the transactions' @Returns refer to. A nested object or union is described by
 * reference to its own name here, so every object a listed view contains must be listed too
 * (registration fails otherwise).
 */
export const RESULT_OBJECTS: Readonly<Record<string, z.ZodType>> = {
  Stakeholder: view.stakeholder,
  StakeholderPage: view.stakeholderPage,
  GrantScope: view.grantScope,
  GrantWorkflow: view.grantWorkflow,
  GrantView: view.grantView,
  GrantPage: view.grantPage,
  AccessRequestView: view.accessRequestView,
  AccessRequestPage: view.accessRequestPage,
  DelegationView: view.delegationView,
  DelegationPage: view.delegationPage,
  BreakGlassView: view.breakGlassView,
  BreakGlassPage: view.breakGlassPage,
  BreakGlassRecord: view.breakGlassRecord,
  AccessLogEntry: view.accessLogEntry,
  AccessLogPage: view.accessLogPage,
  AccessStats: view.accessStats,
  AccessCheck: view.accessCheck,
  MedicalFileHead: view.medicalFileHead,
  MedicalFile: view.medicalFile,
  MedicalFilePage: view.medicalFilePage,
  FileDetails: view.fileDetails,
  FileMetadataView: view.fileMetadataView,
  FileMetadataPage: view.fileMetadataPage,
  FileAccess: view.fileAccess,
  Amendment: view.amendment,
  AmendmentPage: view.amendmentPage,
  AmendmentDetails: view.amendmentDetails,
  AmendmentWithDetails: view.amendmentWithDetails,
  AmendmentApproval: view.amendmentApproval,
  ErasurePurgedType: view.erasurePurgedType,
  ErasureBatch: view.erasureBatch,
  ErasureOffChain: view.erasureOffChain,
  PatientErasure: view.patientErasure,
  Prescription: view.prescription,
  PrescriptionPage: view.prescriptionPage,
  PrescriptionItem: view.prescriptionItem,
  PrescriptionWithItems: view.prescriptionWithItems,
  MedicineOrder: view.medicineOrder,
  MedicineOrderPage: view.medicineOrderPage,
  OrderPrescription: view.orderPrescription,
  Coverage: view.coverage,
  InsurancePackageVersion: view.insurancePackageVersion,
  InsurancePackageVersionPage: view.insurancePackageVersionPage,
  PublishedPackage: view.publishedPackage,
  PublishedPackagePage: view.publishedPackagePage,
  InsuranceApplication: view.insuranceApplication,
  InsuranceApplicationPage: view.insuranceApplicationPage,
  Policy: view.policy,
  PolicyPage: view.policyPage,
  ApplicationResponse: view.applicationResponse,
  Claim: view.claim,
  ClaimPage: view.claimPage,
  ClaimWithDetails: view.claimWithDetails,
  Appointment: view.appointment,
  AppointmentPage: view.appointmentPage,
  AppointmentDetails: view.appointmentDetails,
  AppointmentWithDetails: view.appointmentWithDetails,
  ServiceRequest: view.serviceRequest,
  ServiceRequestPage: view.serviceRequestPage,
  ServiceDetails: view.serviceDetails,
  ServiceRequestWithDetails: view.serviceRequestWithDetails,
  ReportDispute: view.reportDispute,
  ServiceRequestWithDispute: view.serviceRequestWithDispute,
  PriceListItem: view.priceListItem,
  PriceList: view.priceList,
};

type Schema = z.core.$ZodTypes;

interface Field {
  name: string;
  schema: Schema;
  required: boolean;
}

interface ObjectSchema {
  required?: string[];
}

interface ReflectMetadata {
  getMetadata(key: string, target: object): unknown;
}

const asSchema = (schema: unknown): Schema => schema as Schema;

/** Wrappers that change neither the JSON type nor, except optional, whether the field is present. */
const TRANSPARENT = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrapped(schema: Schema): Schema {
  const { def } = schema._zod;
  return TRANSPARENT.has(def.type) && 'innerType' in def ? unwrapped(asSchema(def.innerType)) : schema;
}

/** The JSON types GetMetadata can state of a zod leaf (enums and literals are their base type). */
const PRIMITIVE_TYPES: Readonly<Record<string, string>> = { string: 'string', enum: 'string', number: 'number', int: 'number', boolean: 'boolean' };

function literalType(values: readonly unknown[]): string {
  const types = new Set(values.map((value) => typeof value));
  const [only] = types;
  if (types.size !== 1 || (only !== 'string' && only !== 'number' && only !== 'boolean')) {
    throw new Error(`GetMetadata cannot describe the literal ${JSON.stringify(values)}`);
  }
  return only;
}

/** The @Property type of a field: a primitive, `<Name>`, `<type>[]` or `Map<string, <type>>`. */
function propertyType(schema: Schema, names: ReadonlyMap<unknown, string>): string {
  const bare = unwrapped(schema);
  const named = names.get(bare);
  if (named !== undefined) {
    return named;
  }
  const { def } = bare._zod;
  const primitive = PRIMITIVE_TYPES[def.type];
  if (primitive !== undefined) {
    return primitive;
  }
  switch (def.type) {
    case 'literal':
      return literalType(def.values);
    case 'array':
      return `${propertyType(asSchema(def.element), names)}[]`;
    case 'record':
      return `Map<string, ${propertyType(asSchema(def.valueType), names)}>`;
    case 'pipe':
      return propertyType(asSchema(def.out), names);
    default:
      throw new Error(`GetMetadata cannot describe this ${def.type}: RESULT_OBJECTS does not name it`);
  }
}

const isNever = (schema: Schema): boolean => unwrapped(schema)._zod.def.type === 'never';

function objectFields(schema: Schema): Field[] {
  if (schema._zod.def.type !== 'object') {
    throw new Error(`GetMetadata describes objects and unions of objects, not a ${schema._zod.def.type}`);
  }
  return Object.entries(schema._zod.def.shape)
    .map(([name, field]) => ({ name, schema: asSchema(field), required: asSchema(field)._zod.def.type !== 'optional' }))
    .filter((field) => !isNever(field.schema));
}

/**
 * Metadata cannot say "one of": a union reads as one object with every variant's fields, each
 * required only where every variant requires it (a field a variant forbids with z.never() is left
 * out of that variant), as a client that knows only GetMetadata must read it.
 */
function unionFields(variants: readonly Schema[]): Field[] {
  const perVariant = variants.map(objectFields);
  const merged = new Map<string, Field>();
  for (const field of perVariant.flat()) {
    const required = perVariant.every((fields) => fields.some((other) => other.name === field.name && other.required));
    merged.set(field.name, merged.get(field.name) ?? { ...field, required });
  }
  return [...merged.values()];
}

function fieldsOf(schema: Schema): Field[] {
  const { def } = schema._zod;
  return def.type === 'union' ? unionFields(def.options.map(asSchema)) : objectFields(schema);
}

/** Registers one @Object class named `name`, with one @Property per field and its `required` list. */
function registerObject(name: string, schema: Schema, names: ReadonlyMap<unknown, string>): void {
  // A class of this name, as @Object keys its schema (and its constructor) by the class name.
  const described = { [name]: class {} }[name];
  if (described === undefined) {
    throw new Error(`could not create the class ${name}`);
  }
  const fields = fieldsOf(schema);
  for (const field of fields) {
    Property(field.name, propertyType(field.schema, names))(described.prototype, field.name);
  }
  DataType()(described);
  const objects = (Reflect as unknown as ReflectMetadata).getMetadata('fabric:objects', global) as Record<string, ObjectSchema> | undefined;
  const registered = objects?.[name];
  if (registered === undefined) {
    throw new Error(`@Object did not register ${name}`);
  }
  // fabric-contract-api's @Object never fills the schema's `required` list; without it every field would read as optional.
  registered.required = fields.filter((field) => field.required).map((field) => field.name);
}

/**
 * Writes RESULT_OBJECTS into fabric-contract-api's 'fabric:objects' record. fabric-shim's
 * ChaincodeFromContract reads that record when it is constructed (on a peer after the package's
 * main module is loaded, in ledger-sim when a MemoryLedger is built), so calling this while the
 * package loads is early enough.
 */
export function registerResultObjects(objects: Readonly<Record<string, z.ZodType>> = RESULT_OBJECTS): void {
  const names = new Map<unknown, string>(Object.entries(objects).map(([name, schema]) => [schema, name]));
  for (const [name, schema] of Object.entries(objects)) {
    registerObject(name, asSchema(schema), names);
  }
}
