import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { z } from 'zod';
import { as, hoursFromNow, useGatewayAndActors, type Actor } from '../../acceptance/test-support/actors';
import { uploadedFile } from '../../acceptance/test-support/uploads';
import { binaryIdOf, fileVersionOfBinaryId } from '../../fhir/binary';
import { expectValidFhir } from '../../fhir/test-support/expect-valid-fhir';
import { codeOf } from '../../test-support/response-body';
import { ledgerUnderTest } from '../../test-support/test-gateway';
import { JSON_LIMIT_BYTES, wantsBinaryResource } from './binary-resource';

const FHIR_JSON = 'application/fhir+json';
const binary = z.object({ resourceType: z.literal('Binary'), id: z.string(), contentType: z.string(), data: z.string() });
const documentReference = z.object({ content: z.array(z.object({ attachment: z.object({ url: z.string() }) })) });

/** The body as the bytes sent (supertest parses only text and JSON by itself). */
function bytesOf(answer: Response): Buffer {
  return answer.body as Buffer;
}

describe('FHIR Binary: a file version’s content, through the REST download', () => {
  const { gateway, actors } = useGatewayAndActors({ ledger: ledgerUnderTest() });
  const content = randomBytes(3000);
  let patient: Actor;
  let doctor: Actor;
  let fileId: string;

  beforeEach(async () => {
    patient = await actors.person('patient');
    doctor = await actors.person('doctor');
    const granted = await as(gateway, patient)
      .post('/consents')
      .send({ granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil: hoursFromNow(24) });
    expect(granted.status).toBe(201);
    fileId = await uploadedFile(gateway, patient, { patientId: patient.principal.stakeholderId, category: 'lab', fileName: 'scan.bin', mediaType: 'application/pdf', content });
  });

  const binaryPath = () => `/fhir/Binary/${String(binaryIdOf(fileId, 1))}`;

  async function logOf(): Promise<{ accessorId: string }[]> {
    const page = JSON.parse(await gateway.services.ledger.evaluate(patient.principal, 'AccessLog:listMine', ['100', ''])) as { items: { accessorId: string }[] };
    return page.items;
  }

  it('when the CapabilityStatement is read, then it lists Binary read and says the JSON form’s limit', async () => {
    const metadata = await as(gateway).get('/fhir/metadata');
    const served = z.object({ rest: z.array(z.object({ resource: z.array(z.object({ type: z.string(), documentation: z.string().optional(), interaction: z.array(z.object({ code: z.string() })) })) })) });
    const binaryType = served.parse(metadata.body).rest[0]?.resource.find((resource) => resource.type === 'Binary');
    expect(binaryType?.interaction).toEqual([{ code: 'read' }]);
    expect(binaryType?.documentation).toContain(String(JSON_LIMIT_BYTES));
  });

  it('when a DocumentReference is read, then its attachment.url is the version’s Binary, relative to the FHIR base', async () => {
    const read = await as(gateway, doctor).get(`/fhir/DocumentReference/${fileId}`);
    expect(read.status).toBe(200);
    expect(documentReference.parse(read.body).content[0]?.attachment.url).toBe(binaryPath().slice('/fhir/'.length));
  });

  it('when a grantee asks for FHIR JSON, then a Binary that validates and carries the uploaded bytes exactly, and the grantee’s read is logged', async () => {
    const before = (await logOf()).filter((entry) => entry.accessorId === doctor.principal.stakeholderId).length;

    const read = await as(gateway, doctor).get(binaryPath()).set('Accept', FHIR_JSON);

    expect(read.status).toBe(200);
    expect(read.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expectValidFhir(read.body);
    const resource = binary.parse(read.body);
    expect([resource.id, resource.contentType]).toEqual([binaryIdOf(fileId, 1), 'application/pdf']);
    expect(Buffer.from(resource.data, 'base64').equals(content)).toBe(true);
    expect((await logOf()).filter((entry) => entry.accessorId === doctor.principal.stakeholderId)).toHaveLength(before + 1);
  });

  it('when the client asks for anything else, then the raw bytes with their own Content-Type, as the REST download sends them', async () => {
    const raw = await as(gateway, doctor).get(binaryPath()).responseType('blob');
    const rest = await as(gateway, doctor).get(`/files/${fileId}/content?version=1`).responseType('blob');

    expect([raw.status, raw.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(bytesOf(raw).equals(content)).toBe(true);
    expect(raw.headers['content-disposition']).toBe(rest.headers['content-disposition']);
  });

  it('when a stranger asks, in either form, then the REST download’s refusal, as an OperationOutcome', async () => {
    const stranger = await actors.person('doctor');
    const rest = await as(gateway, stranger).get(`/files/${fileId}/content?version=1`);
    expect(rest.status).toBeGreaterThanOrEqual(400);
    for (const accept of [FHIR_JSON, '*/*']) {
      const refused = await as(gateway, stranger).get(binaryPath()).set('Accept', accept);
      expect([accept, refused.status, codeOf(refused)]).toEqual([accept, rest.status, codeOf(rest)]);
      expect(refused.body).toMatchObject({ resourceType: 'OperationOutcome' });
    }
  });

  it.each(['x.2', 'file-0123', `${'a'.repeat(40)}.1v1`, 'file-0123456789abcdef01234567.1v0', 'file-0123456789abcdef01234567.1vx', 'a..b', '-'])('when the id is %s, then a 4xx OperationOutcome, never a 500', async (id) => {
    const read = await as(gateway, doctor).get(`/fhir/Binary/${id}`).set('Accept', FHIR_JSON);
    expect(read.status).toBeGreaterThanOrEqual(400);
    expect(read.status).toBeLessThan(500);
    expect(read.body).toMatchObject({ resourceType: 'OperationOutcome' });
  });

  it('when the content is past the JSON limit, then the Binary resource is refused 413 BINARY_TOO_LARGE_FOR_JSON and the raw form still streams it', async () => {
    const large = randomBytes(JSON_LIMIT_BYTES + 1);
    const largeId = await uploadedFile(gateway, patient, { patientId: patient.principal.stakeholderId, category: 'lab', fileName: 'large.bin', mediaType: 'application/pdf', content: large });
    const path = `/fhir/Binary/${String(binaryIdOf(largeId, 1))}`;

    const refused = await as(gateway, doctor).get(path).set('Accept', FHIR_JSON);
    expect([refused.status, codeOf(refused)]).toEqual([413, 'BINARY_TOO_LARGE_FOR_JSON']);
    expectValidFhir(refused.body);

    const raw = await as(gateway, doctor).get(path).responseType('blob');
    expect([raw.status, bytesOf(raw).equals(large)]).toEqual([200, true]);
  }, 60_000);

  it('when the version is not there, then 4xx and nothing is served', async () => {
    const read = await as(gateway, patient).get(`/fhir/Binary/${String(binaryIdOf(fileId, 9))}`).set('Accept', FHIR_JSON);
    expect(read.status).toBeGreaterThanOrEqual(400);
    expect(read.status).toBeLessThan(500);
  });
});

describe('Binary ids and content negotiation', () => {
  it('when a file version is named, then its Binary id is a FHIR id that maps back to it', () => {
    const id = String(binaryIdOf('file-0123456789abcdef01234567', 12));
    expect(id).toBe('file-0123456789abcdef01234567.1v12');
    expect(fileVersionOfBinaryId(id)).toEqual({ fileId: 'file-0123456789abcdef01234567', version: 12 });
    expect(fileVersionOfBinaryId('file-0123456789abcdef01234567')).toBeUndefined();
  });

  it.each([
    [FHIR_JSON, true],
    ['application/json', true],
    ['text/html, application/fhir+json;q=0.9', true],
    ['*/*', false],
    ['', false],
    ['application/pdf', false],
  ])('when Accept is "%s", then the resource form is %s', (accept, expected) => {
    expect(wantsBinaryResource({ get: () => accept } as never)).toBe(expected);
  });
});
