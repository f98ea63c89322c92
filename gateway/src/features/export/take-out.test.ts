import { createHash } from 'node:crypto';
import { TRANSACTION_RESULTS } from '@medledger/chaincode/client';
import { unzipSync } from 'fflate';
import request from 'supertest';
import { z } from 'zod';
import { as, useGatewayAndActors, type Actor } from '../../acceptance/test-support/actors';
import type { TestGateway } from '../../test-support/test-gateway';
import { binary } from '../records/test-support/files-gateway';
import { CONTENT, patientThroughEveryFlow, SECRETS } from './test-support/patient-world';

const manifestSchema = z.object({
  format: z.literal('medledger-take-out/1'),
  generatedAt: z.string(),
  patientId: z.string(),
  entries: z.array(z.object({ path: z.string(), kind: z.string(), size: z.number(), sha256: z.string(), fileId: z.string().optional(), version: z.number().optional() })),
  counts: z.record(z.string(), z.number()),
  resourceCounts: z.record(z.string(), z.number()),
  notIncluded: z.array(z.object({ what: z.string(), why: z.string() })).min(1),
});
const bundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  id: z.string(),
  type: z.literal('collection'),
  timestamp: z.string(),
  entry: z.array(z.object({ fullUrl: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/), resource: z.object({ resourceType: z.string(), id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/) }).catchall(z.unknown()) })),
});

/** What a take-out zip holds, entry by entry. */
interface TakeOut {
  files: Record<string, Uint8Array>;
  manifest: z.infer<typeof manifestSchema>;
  bundle: z.infer<typeof bundleSchema>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
/** The problem code of a refusal, whose body the binary parser collected as bytes. */
const codeOf = (response: { body: unknown }) => (JSON.parse(text(response.body as Buffer)) as { code?: string }).code;

function exportAs(gateway: TestGateway, actor: Actor) {
  return request(gateway.app).get('/me/export').set(...actor.header).buffer(true).parse(binary);
}

function unzipped(body: Buffer): TakeOut {
  const files = unzipSync(new Uint8Array(body));
  return { files, manifest: manifestSchema.parse(JSON.parse(text(files['manifest.json']))), bundle: bundleSchema.parse(JSON.parse(text(files['fhir/bundle.json']))) };
}

/** Every `reference` string anywhere in a value. */
function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(referencesIn);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, member]) => (key === 'reference' && typeof member === 'string' ? [member] : referencesIn(member)));
  }
  return [];
}

function resourcesOf(takeOut: TakeOut, resourceType: string): Record<string, unknown>[] {
  return takeOut.bundle.entry.map((entry) => entry.resource).filter((resource) => resource.resourceType === resourceType);
}

/** The patient-scoped lists of the contract surface: a take-out must read every one of them. */
const PATIENT_LISTS = Object.keys(TRANSACTION_RESULTS).filter((name) => /:list\w*ByPatient$|^AccessLog:listMine$|^Records:listFiles$|^Insurance:listClaimsByPolicy$/.test(name));

describe('GET /me/export: the patient’s take-out', () => {
  const { gateway, actors } = useGatewayAndActors({ environment: { MEDLEDGER_RATE_LIMIT_PER_MINUTE: '100000', MEDLEDGER_PRINCIPAL_RATE_LIMIT_PER_MINUTE: '100000' } });

  it('when a patient who went through every flow exports, then the zip holds every kind of data, the manifest’s hashes match, the Bundle is well formed and the files decrypt to the uploaded bytes', async () => {
    // Arrange
    const world = await patientThroughEveryFlow(gateway, actors);
    const evaluated = jest.spyOn(gateway.services.ledgerCalls, 'evaluateJson');
    const submitted = jest.spyOn(gateway.services.ledgerCalls, 'submitWithTxId');

    // Act
    const response = await exportAs(gateway, world.patient);

    // Assert: the response
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'content-type': 'application/zip', 'cache-control': 'no-store' });
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="medledger-take-out-pat-[^"]+\.zip"/);
    const takeOut = unzipped(response.body as Buffer);
    const { manifest, bundle, files } = takeOut;

    // The manifest lists every entry but itself, each with its size and SHA-256.
    expect(Object.keys(files).sort()).toEqual(['manifest.json', ...manifest.entries.map((entry) => entry.path)].sort());
    for (const entry of manifest.entries) {
      const bytes = files[entry.path] ?? new Uint8Array();
      expect({ path: entry.path, size: bytes.length, sha256: sha256(bytes) }).toEqual({ path: entry.path, size: entry.size, sha256: entry.sha256 });
    }
    expect(manifest.patientId).toBe(world.patient.principal.stakeholderId);

    // Every kind of data is there, read to the last page of every patient-scoped list, and nothing was committed.
    expect(Object.entries(manifest.counts).filter(([, count]) => count === 0)).toEqual([]);
    const read = new Set(evaluated.mock.calls.map(([, transaction]) => transaction));
    expect(PATIENT_LISTS.filter((transaction) => !read.has(transaction as never))).toEqual([]);
    expect(submitted).not.toHaveBeenCalled();

    // A well-formed R4 Bundle whose references all resolve inside it, with every resource family.
    const fullUrls = new Set(bundle.entry.map((entry) => entry.fullUrl));
    expect(referencesIn(bundle).filter((reference) => !fullUrls.has(reference))).toEqual([]);
    expect(fullUrls.size).toBe(bundle.entry.length);
    const families = ['Patient', 'Consent', 'AuditEvent', 'DocumentReference', 'Appointment', 'ServiceRequest', 'DiagnosticReport', 'MedicationRequest', 'MedicationDispense', 'Coverage', 'Claim', 'ClaimResponse'];
    expect(families.filter((family) => resourcesOf(takeOut, family).length === 0)).toEqual([]);
    expect(resourcesOf(takeOut, 'Patient')).toEqual([expect.objectContaining({ identifier: [{ system: 'urn:medledger:stakeholder', value: world.patient.principal.stakeholderId }] })]);
    expect(Object.keys(resourcesOf(takeOut, 'Patient')[0] ?? {}).sort()).toEqual(['active', 'id', 'identifier', 'resourceType']);

    // The private details the patient may read.
    const bundleText = text(files['fhir/bundle.json']);
    expect(Object.values(SECRETS).filter((secret) => !bundleText.includes(secret))).toEqual([]);

    // Each version and the amendment decrypt to their uploaded bytes, where their DocumentReferences point.
    const versions = manifest.entries.filter((entry) => entry.kind === 'file-version');
    const contentOf = (fileId: string, version: number) => {
      const entry = versions.find((candidate) => candidate.fileId === fileId && candidate.version === version);
      return Buffer.from(files[entry?.path ?? ''] ?? new Uint8Array());
    };
    const amendment = manifest.entries.filter((entry) => entry.kind === 'amendment');
    expect([contentOf(world.fileId, 1), contentOf(world.fileId, 2), contentOf(world.reportFileId, 1)]).toEqual([CONTENT.v1, CONTENT.v2, CONTENT.report]);
    expect(amendment.map((entry) => Buffer.from(files[entry.path] ?? new Uint8Array()))).toEqual([CONTENT.amendment]);
    const attachmentUrls = resourcesOf(takeOut, 'DocumentReference').flatMap((document) => (document.content as { attachment: { url?: string } }[]).map((content) => content.attachment.url));
    expect(attachmentUrls.sort()).toEqual([...versions, ...amendment].map((entry) => entry.path).sort());
  });

  it('when a doctor, an insurer or an anonymous caller asks for /me/export, then each is refused with a clear problem', async () => {
    const doctor = await actors.person('doctor');
    const insurer = await actors.organisation('insurer');
    const readless = await actors.person('patient', { scopes: ['write'] });

    const [asDoctor, asInsurer, anonymous, withoutRead] = [await exportAs(gateway, doctor), await exportAs(gateway, insurer), await request(gateway.app).get('/me/export'), await exportAs(gateway, readless)];

    expect([asDoctor.status, codeOf(asDoctor)]).toEqual([403, 'FORBIDDEN']);
    expect([asInsurer.status, codeOf(asInsurer)]).toEqual([403, 'FORBIDDEN']);
    expect(anonymous.status).toBe(401);
    expect(withoutRead.status).toBe(403);
  });

  it('when another patient or the patient’s delegate exports, then their zip holds their own data only, none of the patient’s', async () => {
    const world = await patientThroughEveryFlow(gateway, actors);
    const stranger = await actors.person('patient');

    const [ofStranger, ofDelegate] = [unzipped((await exportAs(gateway, stranger)).body as Buffer), unzipped((await exportAs(gateway, world.delegate)).body as Buffer)];

    for (const takeOut of [ofStranger, ofDelegate]) {
      const everything = Object.values(takeOut.files).map(text).join('\n');
      expect(everything).not.toContain(world.patient.principal.stakeholderId);
      expect(everything).not.toContain(world.fileId);
      expect(Object.values(SECRETS).filter((secret) => everything.includes(secret))).toEqual([]);
    }
    expect(ofDelegate.manifest.patientId).toBe(world.delegate.principal.stakeholderId);
    expect(resourcesOf(ofStranger, 'Patient')).toHaveLength(1);
  });

  it('when the patient erased their files, then the take-out lists the erased versions in the ledger records but holds no content and no DocumentReference for them', async () => {
    const patient = await actors.person('patient');
    const patientId = patient.principal.stakeholderId;
    const uploaded = await as(gateway, patient).post('/files').set('Content-Type', 'application/pdf').set('X-Patient-Id', patientId).set('X-Category', 'lab').send(CONTENT.v1);
    const fileId = (uploaded.body as { file: { fileId: string } }).file.fileId;
    const erased = await as(gateway, patient).post(`/patients/${patientId}/erasure`).send({});
    expect(erased.status).toBe(200);

    const takeOut = unzipped((await exportAs(gateway, patient)).body as Buffer);

    expect(takeOut.manifest.counts).toMatchObject({ files: 1, fileVersions: 1, fileVersionsWithContent: 0 });
    expect(takeOut.manifest.entries.filter((entry) => entry.kind === 'file-version')).toEqual([]);
    expect(resourcesOf(takeOut, 'DocumentReference')).toEqual([]);
    const records = z.array(z.object({ file: z.object({ fileId: z.string(), status: z.string() }), versions: z.array(z.object({ status: z.string() })) })).parse(JSON.parse(text(takeOut.files['ledger/records.json'])));
    expect(records.map(({ file, versions }) => ({ fileId: file.fileId, status: file.status, versions: versions.map((version) => version.status) }))).toEqual([{ fileId, status: 'erased', versions: ['erased'] }]);
    expect(takeOut.manifest.notIncluded.map((omission) => omission.what)).toContain('The content of erased files');
  });

  it('when a stored file no longer matches the chain, then the download is aborted, never a zip that looks complete', async () => {
    const patient = await actors.person('patient');
    const upload = await as(gateway, patient)
      .post('/files')
      .set('Content-Type', 'application/pdf')
      .set('X-Patient-Id', patient.principal.stakeholderId)
      .set('X-Category', 'lab')
      .send(Buffer.alloc(200_000, 1));
    expect(upload.status).toBe(201);
    const medicalFiles = await gateway.services.files.ready();
    const readable = medicalFiles.readableVersion.bind(medicalFiles);
    jest.spyOn(medicalFiles, 'readableVersion').mockImplementation(async (...args) => ({ ...(await readable(...args)), open: () => Promise.reject(new Error('the blob store stopped answering')) }));

    const exported = exportAs(gateway, patient);

    await expect(exported).rejects.toThrow();
  });
});
