import type { ActiveFileVersion, AmendmentDetails, FileDetails, LiveAmendment, LiveAmendmentStatus, MedicalFileHead } from '@medledger/chaincode/client';
import { BUNDLE_NAMING, categoryCoding, ledgerIdentifier, partyReference, referenceTo, resourceId, statusExtension, SYSTEMS, type Naming } from './references';
import type { Attachment, CodeableConcept, Reference, Resource } from './resources';

/**
 * One version of a medical file as a FHIR R4 DocumentReference
 * (https://hl7.org/fhir/R4/documentreference.html). Its attachment points at where the content
 * is, e.g. a path inside the take-out zip; each later version replaces the one before it, and a
 * patient's proposed amendment transforms the version it corrects.
 */
export interface DocumentReference extends Resource {
  resourceType: 'DocumentReference';
  status: 'current' | 'superseded';
  docStatus?: 'preliminary' | 'final' | 'entered-in-error';
  category: CodeableConcept[];
  subject: Reference;
  date: string;
  author: Reference[];
  description?: string;
  relatesTo?: { code: 'replaces' | 'transforms'; target: Reference }[];
  content: { attachment: Attachment }[];
}

/** The ledger key of one version: a file's versions are distinct resources. */
export function fileVersionKey(fileId: string, version: number): string {
  return `${fileId}@${String(version)}`;
}

/** The version, where its content is (`url`), and its private details when the reader may see them. */
export function documentReferenceOf(head: MedicalFileHead, version: ActiveFileVersion, url: string, details: FileDetails | null, naming: Naming = BUNDLE_NAMING): DocumentReference {
  const key = fileVersionKey(version.fileId, version.version);
  return {
    resourceType: 'DocumentReference',
    // The take-out holds each version as its own resource; the server serves the file, its versions as history (meta.versionId).
    id: naming === BUNDLE_NAMING ? resourceId('DocumentReference', key) : naming.id('DocumentReference', version.fileId),
    identifier: [ledgerIdentifier('file', version.fileId), ledgerIdentifier('file-version', key)],
    extension: [{ url: SYSTEMS.sha256, valueString: version.contentSha256 }],
    status: version.version === head.latestVersion ? 'current' : 'superseded',
    category: [{ coding: [categoryCoding(version.category)] }],
    subject: naming.reference('Patient', version.patientId),
    date: version.createdAt,
    author: [naming.party(version.uploaderId)],
    ...(details?.description === undefined ? {} : { description: details.description }),
    ...(version.previousVersion === undefined ? {} : { relatesTo: [{ code: 'replaces', target: naming.reference('DocumentReference', fileVersionKey(version.fileId, version.previousVersion)) }] }),
    content: [{ attachment: { contentType: version.mediaType, url, size: version.sizeBytes, creation: version.createdAt, ...(details === null ? {} : { title: details.fileName }) } }],
  };
}


/** pending: a draft correction; approved: it became a version; rejected or withdrawn: it never will. */
const AMENDMENT_DOC_STATUS: Record<LiveAmendmentStatus, 'preliminary' | 'final' | 'entered-in-error'> = {
  pending: 'preliminary',
  approved: 'final',
  rejected: 'entered-in-error',
  withdrawn: 'entered-in-error',
};

/**
 * A patient's proposed correction of a file version: a DocumentReference that transforms the
 * version it corrects, with the reason as its description. `url` is where its content is (none
 * when an approved amendment's content is the version it became).
 */
export function amendmentDocumentOf(amendment: LiveAmendment, details: AmendmentDetails | null, url: string | undefined): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: resourceId('DocumentReference', `amendment:${amendment.id}`),
    identifier: [ledgerIdentifier('amendment', amendment.id), ledgerIdentifier('file', amendment.fileId)],
    extension: [{ url: SYSTEMS.sha256, valueString: amendment.contentSha256 }, statusExtension(amendment.status)],
    status: 'current',
    docStatus: AMENDMENT_DOC_STATUS[amendment.status],
    category: [{ coding: [categoryCoding(amendment.category)] }],
    subject: referenceTo('Patient', amendment.patientId),
    date: amendment.proposedAt,
    author: [partyReference(amendment.proposedBy)],
    ...(details === null ? {} : { description: details.reason }),
    relatesTo: [{ code: 'transforms', target: referenceTo('DocumentReference', fileVersionKey(amendment.fileId, amendment.baseVersion)) }],
    content: [{ attachment: { contentType: amendment.mediaType, size: amendment.sizeBytes, creation: amendment.proposedAt, ...(url === undefined ? {} : { url }), ...(details?.fileName === undefined ? {} : { title: details.fileName }) } }],
  };
}
