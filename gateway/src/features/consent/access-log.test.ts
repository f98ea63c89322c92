import { ledgerUnderTest } from '../../test-support/test-gateway';
import { as, grantTreatment, hoursFromNow, useGatewayAndActors } from '../../acceptance/test-support/actors';
import { uploadedFile } from '../../acceptance/test-support/uploads';
import { codeOf, pageIn } from '../../test-support/response-body';
import { auditEventBundleSchema } from '../../fhir/audit-event';

describe('the access log over REST: refusals, order, filters and exports', () => {
  const { gateway, actors } = useGatewayAndActors({ ledger: ledgerUnderTest() });

  /** A patient with a lab file, a doctor with a view grant on lab, and a second doctor with none. */
  async function world() {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const stranger = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;
    const fileId = await uploadedFile(gateway, patient, { patientId, category: 'lab', fileName: 'ferritin.txt', mediaType: 'text/plain', content: 'ferritin 12' });
    expect((await grantTreatment(gateway, patient, doctor, { actions: ['view'], categories: ['lab'], validUntil: hoursFromNow(24) })).status).toBe(201);
    return { patient, doctor, stranger, patientId, fileId };
  }

  it("when a doctor's download is refused, then the answer stays the 403 problem and the patient's log shows it as refused, newest first", async () => {
    const { patient, doctor, stranger, patientId, fileId } = await world();

    expect((await as(gateway, doctor).get(`/files/${fileId}/content`)).status).toBe(200);
    const refused = await as(gateway, stranger).get(`/files/${fileId}/content`);

    expect(refused.status).toBe(403);
    expect(codeOf(refused)).toBe('CONSENT_REQUIRED');
    expect(refused.text).not.toContain('refused-access');
    const log = pageIn(await as(gateway, patient).get('/me/access-log'));
    expect(log.items[0]).toMatchObject({ accessorId: stranger.principal.stakeholderId, outcome: 'refused', refusalCode: 'CONSENT_REQUIRED', purpose: 'TREAT', category: 'lab', recordId: fileId });
    expect(log.items.map((item) => item.outcome)).toContain('allowed');
    const refusedOnly = pageIn(await as(gateway, patient).get(`/patients/${patientId}/access-log?outcome=refused`));
    expect(refusedOnly.items.map((item) => item.accessorId)).toEqual([stranger.principal.stakeholderId]);
  });

  it('when filtered by accessor, category or period, then only the matching entries come', async () => {
    const { patient, doctor, stranger, fileId } = await world();
    await as(gateway, doctor).get(`/files/${fileId}/content`);
    await as(gateway, stranger).get(`/files/${fileId}/content`);

    const byDoctor = pageIn(await as(gateway, patient).get(`/me/access-log?accessor=${doctor.principal.stakeholderId}`));
    expect(byDoctor.items.length).toBeGreaterThan(0);
    expect(new Set(byDoctor.items.map((item) => item.accessorId))).toEqual(new Set([doctor.principal.stakeholderId]));
    expect(pageIn(await as(gateway, patient).get('/me/access-log?category=imaging')).items).toEqual([]);
    expect(pageIn(await as(gateway, patient).get('/me/access-log?to=2000-01-01T00:00:00Z')).items).toEqual([]);
  });

  it('when exported as CSV, then a header row and one RFC 4180 row per entry come as text/csv, newest first', async () => {
    const { patient, stranger, fileId } = await world();
    await as(gateway, stranger).get(`/files/${fileId}/content`);

    const csv = await as(gateway, patient).get('/me/access-log/export.csv');

    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.split('\r\n');
    expect(lines[0]?.startsWith('at,outcome,accessorId,accessorRole,action,category,recordId')).toBe(true);
    expect(lines[1]).toContain(`refused,${stranger.principal.stakeholderId},doctor,view,lab,${fileId}`);
    expect(lines.at(-1)).toBe('');
  });

  it('when exported as AuditEvents, then a FHIR Bundle with one AuditEvent per entry comes, the refusal with outcome 4', async () => {
    const { patient, stranger, fileId } = await world();
    await as(gateway, stranger).get(`/files/${fileId}/content`);

    const exported = await as(gateway, patient).get('/me/access-log/audit-events?outcome=refused');

    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = auditEventBundleSchema.parse(JSON.parse(exported.text));
    expect(bundle.entry.map((entry) => [entry.resource.outcome, entry.resource.agent[0]?.who.identifier.value])).toEqual([['4', stranger.principal.stakeholderId]]);
  });

  it.each([
    ['/me/access-log?outcome=maybe'],
    ['/me/access-log?accessor=Bob'],
    ['/me/access-log?category=dna'],
    ['/me/access-log?from=yesterday'],
    ['/me/access-log/export.csv?to=soon'],
    ['/me/access-log/audit-events?outcome=all'],
  ])('when %s, then the edge refuses it with VALIDATION_FAILED', async (path) => {
    const patient = await actors.person('patient');
    const response = await as(gateway, patient).get(path);
    expect(response.status).toBe(422);
    expect(codeOf(response)).toBe('VALIDATION_FAILED');
  });

  it.each(['/me/access-log', '/me/access-log/export.csv', '/me/access-log/audit-events'])(
    'when %s is asked for a period whose from is after its to, then 400 INVALID_ARGUMENT says so, as a problem',
    async (path) => {
      const patient = await actors.person('patient');
      const response = await as(gateway, patient).get(`${path}?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z`);
      expect(response.status).toBe(400);
      expect(codeOf(response)).toBe('INVALID_ARGUMENT');
      expect(response.text).toContain('from must not be after to');
    },
  );

  it('when a doctor asks for a patient log export, then ROLE_FORBIDDEN as a problem, not a half-written file', async () => {
    const { doctor, patientId } = await world();
    const response = await as(gateway, doctor).get(`/patients/${patientId}/access-log/export.csv`);
    expect(response.status).toBe(403);
    expect(codeOf(response)).toBe('ROLE_FORBIDDEN');
  });
});
