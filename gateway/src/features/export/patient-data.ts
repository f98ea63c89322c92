import {
  MAX_PAGE_SIZE,
  type AccessLogEntry,
  type AccessRequestView,
  type ActiveFileVersion,
  type Amendment,
  type AmendmentDetails,
  type AppointmentWithDetails,
  type BreakGlassView,
  type ClaimWithDetails,
  type DelegationView,
  type FileDetails,
  type GrantView,
  type InsuranceApplication,
  type MedicalFile,
  type MedicalFileHead,
  type MedicineOrder,
  type Page,
  type Policy,
  type PrescriptionWithItems,
  type ServiceRequestWithDetails,
} from '@medledger/chaincode/client';
import type { Readable } from 'node:stream';
import type { Principal } from '../../identity/principals/principal';
import type { LedgerCalls } from '../../ledger/ledger-calls';
import type { MedicalFiles } from '../records/medical-files';

/** One version of a file whose content still exists, with its private details; open() decrypts it. */
export interface ExportedVersion {
  head: MedicalFileHead;
  version: ActiveFileVersion;
  details: FileDetails | null;
  open: () => Promise<Readable>;
}

/** A proposed correction with its private details; open() decrypts its content unless it was erased. */
export interface ExportedAmendment {
  amendment: Amendment;
  details: AmendmentDetails | null;
  open?: () => Promise<Readable>;
}

/** A file as the patient's take-out holds it: every version, the live ones with their details, and its amendments. */
export interface ExportedFile {
  head: MedicalFileHead;
  versions: MedicalFile[];
  live: ExportedVersion[];
  amendments: ExportedAmendment[];
}

/** Everything the ledger holds about one patient, as the patient reads it, private details included. */
export interface PatientData {
  patientId: string;
  files: ExportedFile[];
  grants: GrantView[];
  accessRequests: AccessRequestView[];
  delegations: DelegationView[];
  breakGlass: BreakGlassView[];
  accessLog: AccessLogEntry[];
  appointments: AppointmentWithDetails[];
  hospitalServices: ServiceRequestWithDetails[];
  prescriptions: PrescriptionWithItems[];
  orders: MedicineOrder[];
  insuranceApplications: InsuranceApplication[];
  policies: Policy[];
  claims: ClaimWithDetails[];
}

const PAGE = String(MAX_PAGE_SIZE);

/** Every page of a list, following the bookmark until the ledger says there is no next page. */
export async function allPages<T>(page: (bookmark: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  for (let bookmark = ''; ; ) {
    const next = await page(bookmark);
    items.push(...next.items);
    // A bookmark seen before would only repeat pages: the list is done.
    if (next.bookmark === '' || seen.has(next.bookmark)) {
      return items;
    }
    seen.add(next.bookmark);
    bookmark = next.bookmark;
  }
}

/**
 * Reads a patient's data from the ledger as the patient: every list, every page, and each object's
 * private details. The details come from the logged-read transactions (accessDetails,
 * readPrescription, readClaim, accessFile, accessAmendment), evaluated, not submitted: the
 * chaincode decides each read exactly as it would a submitted one (as the owner's), but the
 * take-out commits nothing, so exporting N objects does not cost N block times and does not fill
 * the patient's own access log with their own reads.
 */
export class PatientDataReader {
  constructor(
    private readonly ledger: LedgerCalls,
    private readonly medicalFiles: MedicalFiles,
    private readonly patient: Principal,
  ) {}

  async read(): Promise<PatientData> {
    const patientId = this.patient.stakeholderId;
    const [files, consents, care, insurance] = [await this.files(), await this.consents(), await this.care(), await this.insurance()];
    return { patientId, files, ...consents, ...care, ...insurance };
  }

  private async files(): Promise<ExportedFile[]> {
    const { ledger, patient } = this;
    const heads = await allPages((bookmark) => ledger.evaluateJson(patient, 'Records:listFiles', [patient.stakeholderId, PAGE, bookmark]));
    const files: ExportedFile[] = [];
    for (const { file: head } of heads) {
      const versions = await allPages((bookmark) => ledger.evaluateJson(patient, 'Records:getVersionHistory', [head.fileId, PAGE, bookmark]));
      const live: ExportedVersion[] = [];
      for (const version of versions) {
        if (version.status === 'active') {
          live.push({ head, ...(await this.medicalFiles.readableVersion(patient, head.fileId, version.version)) });
        }
      }
      const amendments = await allPages((bookmark) => ledger.evaluateJson(patient, 'Records:listAmendments', [head.fileId, PAGE, bookmark]));
      files.push({ head, versions, live, amendments: await this.each(amendments, (amendment) => this.medicalFiles.readableAmendment(patient, amendment.id)) });
    }
    return files;
  }

  private async consents(): Promise<Pick<PatientData, 'grants' | 'accessRequests' | 'delegations' | 'breakGlass' | 'accessLog'>> {
    const { ledger, patient } = this;
    const id = patient.stakeholderId;
    return {
      grants: await allPages((bookmark) => ledger.evaluateJson(patient, 'Consent:listGrantsByPatient', [id, PAGE, bookmark])),
      accessRequests: await allPages((bookmark) => ledger.evaluateJson(patient, 'Consent:listRequestsByPatient', [id, PAGE, bookmark])),
      delegations: await allPages((bookmark) => ledger.evaluateJson(patient, 'Consent:listDelegationsByPatient', [PAGE, bookmark])),
      breakGlass: await allPages((bookmark) => ledger.evaluateJson(patient, 'Consent:listBreakGlassByPatient', [id, PAGE, bookmark])),
      accessLog: await allPages((bookmark) => ledger.evaluateJson(patient, 'AccessLog:listMine', [PAGE, bookmark])),
    };
  }

  private async care(): Promise<Pick<PatientData, 'appointments' | 'hospitalServices' | 'prescriptions' | 'orders'>> {
    const { ledger, patient } = this;
    const id = patient.stakeholderId;
    const appointments = await allPages((bookmark) => ledger.evaluateJson(patient, 'Appointment:listByPatient', [id, '', PAGE, bookmark]));
    const services = await allPages((bookmark) => ledger.evaluateJson(patient, 'HospitalService:listByPatient', [id, '', PAGE, bookmark]));
    const prescriptions = await allPages((bookmark) => ledger.evaluateJson(patient, 'Prescription:listPrescriptionsByPatient', [id, '', PAGE, bookmark]));
    return {
      appointments: await this.each(appointments, (appointment) => ledger.evaluateJson(patient, 'Appointment:accessDetails', [appointment.id])),
      hospitalServices: await this.each(services, (request) => ledger.evaluateJson(patient, 'HospitalService:accessDetails', [request.id])),
      prescriptions: await this.each(prescriptions, (prescription) => ledger.evaluateJson(patient, 'Prescription:readPrescription', [prescription.id])),
      orders: await allPages((bookmark) => ledger.evaluateJson(patient, 'Prescription:listOrdersByPatient', [id, '', PAGE, bookmark])),
    };
  }

  private async insurance(): Promise<Pick<PatientData, 'insuranceApplications' | 'policies' | 'claims'>> {
    const { ledger, patient } = this;
    const id = patient.stakeholderId;
    const policies = await allPages((bookmark) => ledger.evaluateJson(patient, 'Insurance:listPoliciesByPatient', [id, PAGE, bookmark]));
    const claims = [];
    for (const policy of policies) {
      claims.push(...(await allPages((bookmark) => ledger.evaluateJson(patient, 'Insurance:listClaimsByPolicy', [policy.id, '', PAGE, bookmark]))));
    }
    return {
      insuranceApplications: await allPages((bookmark) => ledger.evaluateJson(patient, 'Insurance:listApplicationsByPatient', [id, '', PAGE, bookmark])),
      policies,
      claims: await this.each(claims, (claim) => ledger.evaluateJson(patient, 'Insurance:readClaim', [claim.id])),
    };
  }

  /** One read per object, one after another: a take-out is one patient's data, and the ledger's other callers keep their share. */
  private async each<T, R>(objects: readonly T[], read: (object: T) => Promise<R>): Promise<R[]> {
    const results: R[] = [];
    for (const object of objects) {
      results.push(await read(object));
    }
    return results;
  }
}
