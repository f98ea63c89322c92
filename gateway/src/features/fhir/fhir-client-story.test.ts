import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { as, hoursFromNow, useGatewayAndActors, type Actor } from '../../acceptance/test-support/actors';
import { expectValidFhir } from '../../fhir/test-support/expect-valid-fhir';
import { ledgerUnderTest } from '../../test-support/test-gateway';

/**
 * A hospital system drives MedLedger through a real FHIR client library (fhir-kit-client, in its
 * own process: test-support/ehr-client.mjs) as it would any FHIR server: it reads the
 * CapabilityStatement; the patient's app grants consent as a Consent; the EHR (a doctor) reads the
 * patient and the consents it holds, books, prescribes; the patient claims; the patient's app pages
 * through the consents and the accounting of disclosures (AuditEvent) with Bundle.link next; a
 * stranger is refused with an OperationOutcome. Embedded in the unit project, on the real Fabric
 * network in the integration project (jest.config.js storiesOnFabric). Everything it received validates.
 */

const run = promisify(execFile);
const resource = z.looseObject({ resourceType: z.string(), id: z.string() });
const searchset = z.looseObject({ resourceType: z.literal('Bundle'), entry: z.array(z.looseObject({ resource })).optional() });
const received = z.object({
  capabilities: resource.omit({ id: true }),
  granted: resource,
  patient: resource,
  held: searchset,
  booked: resource,
  appointment: resource,
  prescribed: resource,
  prescriptions: searchset,
  claimed: resource,
  consentPages: z.array(searchset),
  auditPages: z.array(searchset),
  refused: z.object({ status: z.number(), body: z.unknown() }),
});
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const idsIn = (pages: z.output<typeof searchset>[]) => pages.flatMap((page) => (page.entry ?? []).map((entry) => entry.resource));

describe('an EHR on MedLedger through a FHIR client', () => {
  const { gateway, actors } = useGatewayAndActors({ ledger: ledgerUnderTest() });
  let server: Server;
  let baseUrl: string;

  beforeEach(async () => {
    server = gateway.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/fhir`;
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  /** An insurance policy of the patient's, made over REST (the insurer's and the patient's portal work, not the EHR's). */
  async function policyOf(patient: Actor, insurer: Actor): Promise<string> {
    const packageId = `pkg-fhir-${String(Date.now())}`;
    const termsSha256 = sha(`terms ${packageId}`);
    await as(gateway, insurer).post('/insurance/packages').send({ packageId, termsSha256, priceMinor: 12_000, currency: 'EUR', coverage: { categories: ['prescription', 'lab'], annualLimitMinor: 1_000_000 }, eligibilitySummary: 'Everyone' }).expect(201);
    const applied = await as(gateway, patient).post('/insurance/applications').send({ packageId, version: 1, acceptedTermsSha256: termsSha256, responseDeadline: hoursFromNow(48) }).expect(201);
    const answered = await as(gateway, insurer).post(`/insurance/applications/${z.object({ id: z.string() }).parse(applied.body).id}/response`).send({ termsSha256, priceMinor: 12_000 });
    return z.object({ policy: z.object({ id: z.string() }) }).parse(answered.body).policy.id;
  }

  it('when a hospital system grants, reads, books, prescribes and claims through /fhir, then the patient pages through the consents and every disclosure, a stranger is refused, and all of it validates', async () => {
    const [patient, doctor, stranger, insurer] = [await actors.person('patient'), await actors.person('doctor'), await actors.person('doctor'), await actors.organisation('insurer')];
    const [patientId, doctorId] = [patient.principal.stakeholderId, doctor.principal.stakeholderId];
    const policyId = await policyOf(patient, insurer);
    const input = { baseUrl, patientHeader: patient.header, doctorHeader: doctor.header, strangerHeader: stranger.header, patientId, doctorId, policyId, invoiceSha256: sha(`invoice ${patientId}`) };

    const { stdout } = await run(process.execPath, [join(__dirname, 'test-support', 'ehr-client.mjs')], { env: { ...process.env, EHR_INPUT: JSON.stringify(input) }, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
    const got = received.parse(JSON.parse(stdout));

    const { refused, consentPages, auditPages, ...single } = got;
    for (const emitted of [...Object.values(single), ...consentPages, ...auditPages, refused.body]) {
      expectValidFhir(emitted);
    }
    expect(got.granted).toMatchObject({ resourceType: 'Consent', status: 'active', provision: { actor: [{ reference: { reference: `Practitioner/${doctorId}` } }] } });
    expect(got.patient).toMatchObject({ resourceType: 'Patient', id: patientId, active: true });
    expect(idsIn([got.held])).toContainEqual(expect.objectContaining({ id: got.granted.id }));
    expect(got.appointment).toMatchObject({ resourceType: 'Appointment', id: got.booked.id });
    expect(idsIn([got.prescriptions]).map((found) => found.id)).toContain(got.prescribed.id);
    expect(got.claimed).toMatchObject({ resourceType: 'Claim', insurance: [{ coverage: { reference: `Coverage/${policyId}` } }] });
    // One consent a page (_count=1), followed by Bundle.link next: the EHR's grant and those the insurance flow made.
    expect(idsIn(consentPages).map((consent) => consent.id)).toContain(got.granted.id);
    expect(consentPages.length).toBeGreaterThan(1);
    const disclosures = idsIn(auditPages);
    expect(disclosures.length).toBeGreaterThan(0);
    expect(disclosures.every((event) => event.resourceType === 'AuditEvent')).toBe(true);
    expect(JSON.stringify(disclosures)).toContain(doctorId);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('urn:medledger:problem');
  });
});
