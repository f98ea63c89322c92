import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ExportedAmendment, ExportedVersion, PatientData } from './patient-data';
import { exportBundle } from './export-bundle';

/** One file in the zip: where, what, and its bytes (in memory for the JSON, streamed for file content). */
export interface TakeOutEntry {
  path: string;
  kind: 'manifest' | 'fhir-bundle' | 'ledger-data' | 'file-version' | 'amendment';
  mediaType: string;
  size: number;
  sha256: string;
  content: Buffer | (() => Promise<Readable>);
  fileId?: string;
  version?: number;
}

/** What the take-out deliberately leaves out, and why (the manifest says so). */
export const NOT_INCLUDED: readonly { what: string; why: string }[] = [
  {
    what: 'Other parties’ data',
    why: 'Doctors, hospitals, pharmacies, insurers and delegates appear by their pseudonymous IDs only; their own records, their other patients and their names are theirs, not yours (GDPR Art. 20(4)).',
  },
  {
    what: 'Delegations in which you act for someone else',
    why: 'They are the other patient’s data; that patient’s own take-out holds them.',
  },
  {
    what: 'The content of erased files',
    why: 'Erasure destroyed its keys (crypto-shredding): nobody can decrypt it any more. The erased versions stay listed in ledger/records.json with their ciphertext hash and erasure time.',
  },
  {
    what: 'Break-glass justifications',
    why: 'The ledger keeps only a salted hash of the doctor’s reason in public state; the hash and the window are in ledger/consents.json.',
  },
  {
    what: 'Gateway account data (display name, sign-in subject, tokens, API keys, notifications)',
    why: 'It is the gateway’s record of your sign-ins, not health data on the ledger; GET /me, GET /me/tokens and the notifications feed show it.',
  },
];

const MANIFEST_FORMAT = 'medledger-take-out/1';

function sha256Of(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function jsonEntry(path: string, kind: TakeOutEntry['kind'], mediaType: string, value: unknown): TakeOutEntry {
  const content = Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  return { path, kind, mediaType, size: content.length, sha256: sha256Of(content), content };
}

/** A name safe inside a zip on any system: no separators, no controls, no leading dots, not too long. */
function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^[.\s]+/, '').trim().slice(0, 100);
  return cleaned === '' ? 'content' : cleaned;
}

/** files/<fileId>/v<version>/<file name>: unique per version, the name as the patient gave it (made safe). */
export function versionPath({ version, details }: Pick<ExportedVersion, 'version' | 'details'>): string {
  return `files/${version.fileId}/v${String(version.version)}/${safeName(details?.fileName ?? version.fileId)}`;
}

/**
 * amendments/<amendmentId>/<file name>, for an amendment whose content is its own: not erased, and
 * not approved (an approved amendment's content is the file version it became, under files/).
 */
export function amendmentPath({ amendment, details, open }: ExportedAmendment): string | undefined {
  if (open === undefined || amendment.status === 'approved') {
    return undefined;
  }
  return `amendments/${amendment.id}/${safeName(details?.fileName ?? amendment.fileId)}`;
}

/** How many of each kind of data the take-out holds. */
function countsOf(data: PatientData): Record<string, number> {
  return {
    files: data.files.length,
    fileVersions: data.files.reduce((sum, file) => sum + file.versions.length, 0),
    fileVersionsWithContent: data.files.reduce((sum, file) => sum + file.live.length, 0),
    amendments: data.files.reduce((sum, file) => sum + file.amendments.length, 0),
    grants: data.grants.length,
    accessRequests: data.accessRequests.length,
    delegations: data.delegations.length,
    breakGlass: data.breakGlass.length,
    accessLog: data.accessLog.length,
    appointments: data.appointments.length,
    hospitalServices: data.hospitalServices.length,
    prescriptions: data.prescriptions.length,
    orders: data.orders.length,
    insuranceApplications: data.insuranceApplications.length,
    policies: data.policies.length,
    claims: data.claims.length,
  };
}

/** The raw ledger records, private details included: everything the FHIR mapping summarises, field for field. */
function ledgerEntries(data: PatientData): TakeOutEntry[] {
  const json = (name: string, value: unknown) => jsonEntry(`ledger/${name}.json`, 'ledger-data', 'application/json', value);
  return [
    json(
      'records',
      data.files.map(({ head, versions, live, amendments }) => ({
        file: head,
        versions,
        details: live.map(({ version, details }) => ({ version: version.version, details })),
        amendments: amendments.map(({ amendment, details }) => ({ amendment, details })),
      })),
    ),
    json('consents', { grants: data.grants, accessRequests: data.accessRequests, delegations: data.delegations, breakGlass: data.breakGlass }),
    json('access-log', data.accessLog),
    json('care', { appointments: data.appointments, hospitalServices: data.hospitalServices, prescriptions: data.prescriptions, orders: data.orders }),
    json('insurance', { applications: data.insuranceApplications, policies: data.policies, claims: data.claims }),
  ];
}

function fileEntries(data: PatientData): TakeOutEntry[] {
  return data.files.flatMap((file) =>
    file.live.map((live) => ({
      path: versionPath(live),
      kind: 'file-version' as const,
      mediaType: live.version.mediaType,
      // The chain's hashes of the content: the decryption checks them byte for byte while streaming.
      size: live.version.sizeBytes,
      sha256: live.version.contentSha256,
      content: live.open,
      fileId: live.version.fileId,
      version: live.version.version,
    })),
  );
}

function amendmentEntries(data: PatientData): TakeOutEntry[] {
  return data.files.flatMap((file) =>
    file.amendments.flatMap((exported) => {
      const path = amendmentPath(exported);
      const { amendment, open } = exported;
      if (path === undefined || open === undefined || amendment.status === 'erased') {
        return [];
      }
      return [{ path, kind: 'amendment' as const, mediaType: amendment.mediaType, size: amendment.sizeBytes, sha256: amendment.contentSha256, content: open, fileId: amendment.fileId }];
    }),
  );
}

/**
 * The take-out's entries, manifest first: manifest.json (what each entry is, its size and SHA-256,
 * the counts, what is left out), fhir/bundle.json, the raw ledger records, then each live file
 * version's decrypted content and each amendment's own. The content entries' hashes are the chain's, known before a byte is
 * read, so the manifest can come first and the content can stream.
 */
export function takeOutEntries(data: PatientData, generatedAt: Date): TakeOutEntry[] {
  const at = generatedAt.toISOString();
  const bundle = exportBundle(data, at, { version: versionPath, amendment: amendmentPath });
  const entries = [jsonEntry('fhir/bundle.json', 'fhir-bundle', 'application/fhir+json', bundle), ...ledgerEntries(data), ...fileEntries(data), ...amendmentEntries(data)];
  const resourceCounts: Record<string, number> = {};
  for (const { resource } of bundle.entry) {
    resourceCounts[resource.resourceType] = (resourceCounts[resource.resourceType] ?? 0) + 1;
  }
  const manifest = {
    format: MANIFEST_FORMAT,
    generatedAt: at,
    patientId: data.patientId,
    fhirVersion: '4.0.1',
    entries: entries.map(({ path, kind, mediaType, size, sha256, fileId, version }) => ({ path, kind, mediaType, size, sha256, ...(fileId === undefined ? {} : { fileId, version }) })),
    counts: countsOf(data),
    resourceCounts,
    notIncluded: NOT_INCLUDED,
  };
  return [jsonEntry('manifest.json', 'manifest', 'application/json', manifest), ...entries];
}
