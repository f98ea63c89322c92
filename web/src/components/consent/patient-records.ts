import { api, ok } from '../../api/client';
import type { components } from '../../api/generated/schema';
import { allPages } from '../../lib/paging';
import { categoriesOf, CATEGORY_LABELS, recordIdsOf, type Category, type GrantScope } from './vocabulary';

type FileView = components['schemas']['MedicalFileView'];

/**
 * One of a patient's records as a consent can name it: a file, a prescription, an appointment, a
 * hospital service or an insurance application, each in the data category consent is given for.
 */
export interface PatientRecord {
  id: string;
  category: Category;
  /** What it is, in words (never clinical content: the ledger's public fields only). */
  title: string;
  /** When it was made, UTC ISO-8601. */
  at: string;
  /** A file's HL7 confidentiality label; a category grant reaches N files only. */
  confidentiality?: 'N' | 'R' | 'V';
  /** Set for files: the file view, for lists that download. */
  file?: FileView;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function fileTitle(view: FileView): string {
  const latest = view.latest;
  const content = latest.status === 'active' ? `${latest.mediaType}, ${sizeText(latest.sizeBytes)}` : 'erased';
  return `${CATEGORY_LABELS[view.file.category]} file, version ${latest.version} (${content})`;
}

function fromFile(view: FileView): PatientRecord {
  return { id: view.file.fileId, category: view.file.category, title: fileTitle(view), at: view.file.createdAt, confidentiality: view.file.confidentiality, file: view };
}

/** Every file of a patient's the caller may list (the patient: all; a grantee: those its grants cover). */
export async function loadPatientFiles(patientId: string, purpose?: components['schemas']['Consent']['purpose']): Promise<PatientRecord[]> {
  const files = await allPages((cursor) =>
    ok(api.GET('/patients/{patientId}/files', { params: { path: { patientId }, query: { limit: 100, ...(cursor === undefined ? {} : { cursor }), ...(purpose === undefined ? {} : { purpose }) } } })),
  );
  return files.items.map(fromFile);
}

/** The patient's own records of every kind a grant can name (the patient's own reads are not disclosures; claims are left out). */
export async function loadOwnRecords(patientId: string): Promise<PatientRecord[]> {
  const path = { patientId };
  const page = (cursor: string | undefined) => ({ limit: 100, ...(cursor === undefined ? {} : { cursor }) });
  const [files, prescriptions, appointments, services, applications, policies] = await Promise.all([
    loadPatientFiles(patientId),
    allPages((cursor) => ok(api.GET('/patients/{patientId}/prescriptions', { params: { path, query: page(cursor) } }))),
    allPages((cursor) => ok(api.GET('/patients/{patientId}/appointments', { params: { path, query: page(cursor) } }))),
    allPages((cursor) => ok(api.GET('/patients/{patientId}/hospital-services', { params: { path, query: page(cursor) } }))),
    allPages((cursor) => ok(api.GET('/patients/{patientId}/insurance/applications', { params: { path, query: page(cursor) } }))),
    allPages((cursor) => ok(api.GET('/patients/{patientId}/insurance/policies', { params: { path, query: page(cursor) } }))),
  ]);
  return [
    ...files,
    ...prescriptions.items.map((rx): PatientRecord => ({ id: rx.id, category: 'prescription', title: `Prescription of ${rx.totalQuantity} units (${rx.status})`, at: rx.validUntil })),
    ...appointments.items.map((visit): PatientRecord => ({ id: visit.id, category: 'appointment', title: `Appointment (${visit.status})`, at: visit.startsAt })),
    ...services.items.map((service): PatientRecord => ({ id: service.id, category: 'billing', title: `Hospital service ${service.serviceCode} (${service.status})`, at: service.requestedAt })),
    ...applications.items.map((application): PatientRecord => ({ id: application.id, category: 'insurance', title: `Insurance application for ${application.packageId} (${application.status})`, at: application.appliedAt })),
    ...policies.items.map((policy): PatientRecord => ({ id: policy.id, category: 'insurance', title: `Insurance policy ${policy.packageId}`, at: policy.issuedAt })),
  ];
}

/** What a scope would expose of these records, and what it would not although it seems to. */
export interface ScopePreview {
  covered: PatientRecord[];
  /** R and V files of a named category: a category grant does not reach them. */
  restrictedLeftOut: PatientRecord[];
  /** Record IDs the scope names that are not among the patient's records. */
  unknownIds: string[];
}

/**
 * Resolves a scope against the patient's records exactly as the access decision does: a category
 * covers its N files and every other record of that category; record IDs cover those records.
 */
export function previewScope(scope: GrantScope, records: readonly PatientRecord[]): ScopePreview {
  const categories = categoriesOf(scope);
  if (categories.length > 0) {
    const inCategories = records.filter((record) => categories.includes(record.category));
    const restricted = (record: PatientRecord) => record.confidentiality !== undefined && record.confidentiality !== 'N';
    return { covered: inCategories.filter((record) => !restricted(record)), restrictedLeftOut: inCategories.filter(restricted), unknownIds: [] };
  }
  const ids = recordIdsOf(scope);
  const byId = new Map(records.map((record) => [record.id, record]));
  return {
    covered: ids.flatMap((id) => {
      const record = byId.get(id);
      return record === undefined ? [] : [record];
    }),
    restrictedLeftOut: [],
    unknownIds: ids.filter((id) => !byId.has(id)),
  };
}
