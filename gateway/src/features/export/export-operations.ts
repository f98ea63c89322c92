import { z } from 'zod';
import { defineStream, type Operation } from '../../api/operation';
import type { FilesFeature } from '../records/files-feature';
import { PatientDataReader } from './patient-data';
import { takeOutEntries } from './take-out';
import { sendZip } from './zip-response';

const zipArchive = z.string().meta({ contentMediaType: 'application/zip', description: 'A zip: manifest.json, fhir/bundle.json, ledger/*.json and files/<fileId>/v<version>/<name>' });

/**
 * GET /me/export, the patient's take-out (GDPR Art. 20): everything the ledger and the file store
 * hold about the calling patient, as one streamed zip. Only the patient themself: a delegate acts
 * for a patient in consent and care, but the right to take the data away is the data subject's
 * own, and a delegate's call exports the delegate's own data (they are a patient too). A read,
 * so it needs the read scope and no step-up: it changes nothing and commits nothing.
 */
export function exportOperations(files: FilesFeature): Operation[] {
  return [
    defineStream({
      method: 'get',
      path: '/me/export',
      operationId: 'exportMyData',
      summary: 'Take out everything MedLedger holds about you, as a zip (FHIR R4 Bundle, ledger records, decrypted files)',
      description: [
        'Streams a zip (Content-Type application/zip, Content-Disposition attachment, Cache-Control no-store) holding:',
        'manifest.json (generatedAt, your pseudonymous patient ID, each entry’s path, kind, size and SHA-256, counts per kind of data, and what is not included and why);',
        'fhir/bundle.json, a FHIR R4 Bundle of type collection: the Patient (pseudonymous ID only), a Consent per grant, access request, delegation and break-glass access, an AuditEvent per access-log entry, a DocumentReference per file version whose attachment url is the path of its content in the zip, Appointment, ServiceRequest and DiagnosticReport, MedicationRequest and MedicationDispense, Coverage, Claim and ClaimResponse, with their private details (appointment reasons, service details, prescription items, claim details, file names); every reference resolves inside the Bundle, other parties appear by pseudonymous identifier;',
        'ledger/*.json, the same records exactly as the ledger returns them;',
        'files/<fileId>/v<version>/<name>, the decrypted content of every version not erased, verified against the chain’s hashes while it streams.',
        'Every list is read to its last page and every private detail through its logged-read transaction, evaluated as your own read (decided by the chaincode, nothing committed).',
        'A failure before the first byte is problem+json; after it the connection is aborted, so an incomplete zip never looks complete.',
      ].join(' '),
      tag: 'Take-out',
      access: { scope: 'read', role: 'patient' },
      callers: 'the patient themself (not a delegate, not a professional)',
      transaction:
        'Records:listFiles/getVersionHistory/accessFile/listAmendments/accessAmendment, Consent:list*ByPatient, AccessLog:listMine, Appointment:listByPatient/accessDetails, HospitalService:listByPatient/accessDetails, Prescription:listPrescriptionsByPatient/readPrescription/listOrdersByPatient, Insurance:listApplicationsByPatient/listPoliciesByPatient/listClaimsByPolicy/readClaim (all evaluated)',
      errors: [502, 503],
      response: { status: 200, description: 'The take-out zip', schema: zipArchive, contentType: 'application/zip' },
      async handle({ principal, deps, req, res }) {
        const data = await new PatientDataReader(deps.ledger, await files.ready(), principal).read();
        const generatedAt = deps.clock();
        const day = generatedAt.toISOString().slice(0, 10);
        await sendZip(req, res, `medledger-take-out-${principal.stakeholderId}-${day}.zip`, takeOutEntries(data, generatedAt), generatedAt);
      },
    }),
  ];
}
