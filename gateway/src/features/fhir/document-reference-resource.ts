import type { ActiveFileVersion, FileMetadataView, MedicalFile } from '@medledger/chaincode/client';
import { Problem } from '../../api/errors/problems';
import { disclose, purposeTransient } from '../../api/ledger-operations';
import { binaryIdOf } from '../../fhir/binary';
import { documentReferenceOf } from '../../fhir/document-reference';
import { FHIR_BASE_PATH } from '../../fhir/fhir-media';
import { fhirIdOf } from '../../fhir/ids';
import type { Resource } from '../../fhir/resources';
import { fhirRead, fhirSearch, fhirVread, type FhirCall, type FhirResourceModule } from './fhir-interactions';
import { lastUpdatedSearchParam, matchesDates, patientSearchParam, type DateComparison } from './search-params';

/**
 * DocumentReference: a patient's medical files (https://hl7.org/fhir/R4/documentreference.html),
 * over the same transactions as /patients/{id}/files and /files/{id}: each a patient-data read,
 * disclosed (submitted, so the access-log entry commits) for anyone but the patient. The resource
 * is the file, its versions are its history (meta.versionId, vread). The content stays behind the
 * same consent-gated download: the attachment's url is Binary/{id} of that version
 * (binary-resource.ts, the REST download GET /files/{id}/content?version=N), which decides and logs
 * again. Private details (file name, description) are not read here.
 */

interface FileSearch {
  patient?: string;
  _lastUpdated?: DateComparison[];
  purpose?: string;
}

/** Where the attachment's content is: the version's Binary, relative to the FHIR base as the server's references are; the REST download itself for an ID with no Binary id. */
function contentUrl(base: string, version: ActiveFileVersion): string {
  const binaryId = binaryIdOf(version.fileId, version.version);
  return binaryId === undefined
    ? `${base.slice(0, base.length - FHIR_BASE_PATH.length)}/files/${encodeURIComponent(version.fileId)}/content?version=${String(version.version)}`
    : `Binary/${binaryId}`;
}

function documentOf(call: FhirCall<unknown, unknown, unknown>, view: { file: FileMetadataView['file']; version: MedicalFile }): Resource | undefined {
  const { file, version } = view;
  if (version.status !== 'active' || fhirIdOf(file.fileId) === undefined) {
    return undefined;
  }
  const document = documentReferenceOf(file, version, contentUrl(call.fhir.base, version), null, call.fhir.naming);
  return { ...document, meta: { versionId: String(version.version), lastUpdated: version.createdAt } } as Resource;
}

function found(type: string, id: string, resource: Resource | undefined): Resource {
  if (resource === undefined) {
    throw new Problem('NOT_FOUND', `no ${type} with id ${id} (erased, or a version that is not there)`);
  }
  return resource;
}

/** The file's versions, every page, until the one asked for (a file has few versions; the ledger pages them). */
async function versionOf(call: FhirCall<unknown, { purpose?: string }, unknown>, fileId: string, wanted: number): Promise<MedicalFile | undefined> {
  let bookmark = '';
  for (let pages = 0; pages < 50; pages += 1) {
    const page = (await disclose(call.deps.ledger, call.principal, 'Records:getVersionHistory', [fileId, '100', bookmark], purposeTransient(call.query), {})) as { items: MedicalFile[]; bookmark: string };
    const match = page.items.find((version) => version.version === wanted);
    if (match !== undefined || page.bookmark === '') {
      return match;
    }
    bookmark = page.bookmark;
  }
  return undefined;
}

async function metadataOf(call: FhirCall<unknown, { purpose?: string }, unknown>, fileId: string): Promise<FileMetadataView> {
  return (await disclose(call.deps.ledger, call.principal, 'Records:getFileMetadata', [fileId], purposeTransient(call.query), {})) as FileMetadataView;
}

const COMMON = { type: 'DocumentReference', callers: 'the patient, a delegate, a grantee with view on the category, a doctor in a break-glass window', patientData: true } as const;

export const documentReferenceResource: FhirResourceModule = {
  type: 'DocumentReference',
  versioned: true,
  interactions: [
    fhirRead({
      ...COMMON,
      summary: 'A medical file: its latest version’s metadata, the content behind the consent-gated download (logged)',
      transaction: 'Records:getFileMetadata',
      async read(call, fileId) {
        const view = await metadataOf(call, fileId);
        return found('DocumentReference', fileId, documentOf(call, { file: view.file, version: view.latest }));
      },
    }),
    fhirVread({
      ...COMMON,
      summary: 'One version of a medical file (logged)',
      transaction: 'Records:getFileMetadata / Records:getVersionHistory',
      async vread(call, fileId, wanted) {
        const view = await metadataOf(call, fileId);
        const version = await versionOf(call, fileId, wanted);
        return found('DocumentReference', `${fileId}/_history/${String(wanted)}`, version === undefined ? undefined : documentOf(call, { file: view.file, version }));
      },
    }),
    fhirSearch<FileSearch>({
      ...COMMON,
      summary: 'A patient’s medical files (patient=, or the calling patient’s own), each its latest version (logged)',
      transaction: 'Records:listFiles',
      params: [patientSearchParam, lastUpdatedSearchParam],
      async search(call, { count, bookmark }) {
        const patientId = call.query.patient ?? (call.principal.role === 'patient' ? call.principal.stakeholderId : undefined);
        if (patientId === undefined) {
          throw new Problem('VALIDATION_FAILED', 'name the patient whose files to list: patient=Patient/{id}');
        }
        const page = (await disclose(call.deps.ledger, call.principal, 'Records:listFiles', [patientId, String(count), bookmark], purposeTransient(call.query), { patientId })) as {
          items: FileMetadataView[];
          bookmark: string;
        };
        const resources = page.items
          .filter((view) => matchesDates(view.file.updatedAt, call.query._lastUpdated))
          .flatMap((view) => documentOf(call, { file: view.file, version: view.latest }) ?? []);
        return { resources, bookmark: page.bookmark };
      },
    }),
  ],
};
