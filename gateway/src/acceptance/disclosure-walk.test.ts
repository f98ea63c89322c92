import request from 'supertest';
import type { OpenApiDocument } from '../api/openapi';
import { fhirIdOf } from '../fhir/ids';
import { binaryIdOf } from '../fhir/binary';
import { as, hoursFromNow, type Actor } from './test-support/actors';
import { idOf, newApplication, newClaim, newOrder, ok, type CareWorld, useCareWorld } from './test-support/care-matrix-world';
import { uploadedFile } from './test-support/uploads';

/**
 * The accounting of disclosures, walked from the route table: every operation the OpenAPI document
 * marks as a read of patient data (x-patient-data, set by the builders and by hand-written reads)
 * is called by someone other than the patient, and the patient's access log must gain an entry
 * naming that caller. Every other GET must be listed below with the reason it reads no patient
 * data, so a read route added later is either logged or explained, never silently unlogged.
 */
const NOT_PATIENT_DATA: Record<string, string> = {
  'GET /livez': 'probe',
  'GET /readyz': 'probe',
  'GET /openapi.json': 'the API description',
  'GET /docs': 'the API description',
  'GET /metrics': 'operational metrics, no patient data',
  'GET /version': 'build information',
  'GET /me': 'the caller\'s own principal',
  'GET /me/tokens': 'the caller\'s own credentials',
  'GET /me/sessions': 'the caller\'s own credentials',
  'GET /admin/api-keys': 'credentials of organisations',
  'GET /stakeholders': 'the public directory of stakeholders (pseudonymous IDs, roles, verification)',
  'GET /stakeholders/{stakeholderId}': 'the public directory of stakeholders',
  'GET /insurance/packages': 'insurers\' published offers',
  'GET /insurance/packages/{packageId}': 'insurers\' published offers',
  'GET /insurance/packages/{packageId}/versions': 'insurers\' published offers',
  'GET /insurance/packages/{packageId}/versions/{version}': 'insurers\' published offers',
  'GET /audit/statistics': 'regulator statistics: daily counts, no patient named',
  'GET /consents/{grantId}': 'a consent record, read by its own parties (patient side or grantee); no health data',
  'GET /patients/{patientId}/consents': 'consent records of the patient side; no health data',
  'GET /me/consents': 'the caller\'s own consents (given or received); no health data',
  'GET /delegations/{delegationId}': 'a delegation, read by its own parties; no health data',
  'GET /me/delegations': 'the delegations the caller gave; no health data',
  'GET /me/delegations/held': 'the delegations the caller holds; no health data',
  'GET /access-requests/{requestId}': 'an access request, read by its own parties; no health data',
  'GET /patients/{patientId}/access-requests': 'access requests of the patient side; no health data',
  'GET /me/access-requests': 'the caller\'s own access requests; no health data',
  'GET /patients/{patientId}/access-log': 'the accounting itself, for the patient side and oversight',
  'GET /me/access-log': 'the accounting itself, for the patient',
  'GET /patients/{patientId}/erasure/receipt': 'the patient\'s own erasure receipt, for the patient only; keys and counts, no health data',
  'GET /me/notifications/stream': 'the caller\'s own notifications (a patient\'s, about accesses to their data)',
  'GET /': 'the web portal\'s page: static, the same for everyone',
  'GET /assets/{asset}': 'the web portal\'s static scripts and styles',
  'GET /favicon.svg': 'the web portal\'s icon',
  'GET /me/directory-entry': 'the caller\'s own directory listing (a professional\'s display data)',
  'GET /directory': 'the directory of verified professionals: their display data, no patient named',
  'GET /directory/{stakeholderId}': 'the directory of verified professionals',
  'GET /hospitals/{hospitalId}/price-list': 'a hospital\'s published prices: public, no patient named',
  'GET /fhir/metadata': 'the FHIR CapabilityStatement: what the server serves',
  'GET /fhir/InsurancePlan': 'insurers\' published offers, as FHIR InsurancePlans',
  'GET /fhir/InsurancePlan/{id}': 'insurers\' published offers, as FHIR InsurancePlans',
  'GET /fhir/InsurancePlan/{id}/_history/{vid}': 'insurers\' published offers, as FHIR InsurancePlans',
  'GET /fhir/Patient/{id}': 'the public directory of stakeholders, as a FHIR Patient (pseudonymous ID and status only)',
  'GET /fhir/Practitioner/{id}': 'the public directory of stakeholders, as a FHIR Practitioner',
  'GET /fhir/Organization/{id}': 'the public directory of stakeholders, as a FHIR Organization',
  'GET /fhir/Consent/{id}': 'a consent record as a FHIR Consent, as GET /consents/{grantId}; no health data',
  'GET /fhir/Consent': 'consent records as FHIR Consents, as GET /patients/{patientId}/consents and /me/consents; no health data',
  'GET /fhir/AuditEvent': 'the accounting itself as FHIR AuditEvents, as GET /patients/{patientId}/access-log',
};

/** Browser sign-in flows and assets carry no patient data either. */
/** The accounting itself in its exports (CSV, FHIR AuditEvent), and the patient's own take-out. */
const NOT_PATIENT_DATA_PREFIXES = ['GET /auth/', 'GET /dev-idp/', 'GET /admin/', 'GET /me/access-log/', 'GET /patients/{patientId}/access-log/', 'GET /me/export'];

interface Walk {
  world: CareWorld;
  reader: Actor;
  provider: Actor;
  hospital: Actor;
  fileId: string;
  orderId: string;
  claimId: string;
  /** A claim the insurer decided, so it has a FHIR ClaimResponse. */
  decidedClaimId: string;
  applicationId: string;
  appointmentId: string;
  serviceRequestId: string;
  disputedRequestId: string;
}

interface Read {
  who: (w: Walk) => Actor;
  path: (w: Walk) => string;
  method?: 'get' | 'post';
  body?: object;
}

const pid = (w: Walk) => w.world.patientId;
const reader = (w: Walk) => w.reader;
/** The FHIR id of a ledger ID the walk created (every such ID is short enough to be one). */
const fhirId = (ledgerId: string) => fhirIdOf(ledgerId) ?? ledgerId;

/** How each patient-data read is called by a non-patient: a grantee (reader) or the workflow's party. */
const READS: Record<string, Read> = {
  'GET /patients/{patientId}/files': { who: reader, path: (w) => `/patients/${pid(w)}/files` },
  'GET /files/{fileId}': { who: reader, path: (w) => `/files/${w.fileId}` },
  'GET /files/{fileId}/versions': { who: reader, path: (w) => `/files/${w.fileId}/versions` },
  'GET /files/{fileId}/content': { who: reader, path: (w) => `/files/${w.fileId}/content` },
  'POST /patients/{patientId}/access-checks': { who: reader, path: (w) => `/patients/${pid(w)}/access-checks`, method: 'post', body: { action: 'view', category: 'lab' } },
  'GET /files/{fileId}/amendments': { who: reader, path: (w) => `/files/${w.fileId}/amendments` },
  'GET /orders/{orderId}': { who: (w) => w.world.people.pharmacy, path: (w) => `/orders/${w.orderId}` },
  'POST /orders/{orderId}/prescription-reads': { who: (w) => w.world.people.pharmacy, path: (w) => `/orders/${w.orderId}/prescription-reads`, method: 'post' },
  'GET /patients/{patientId}/orders': { who: reader, path: (w) => `/patients/${pid(w)}/orders` },
  'GET /me/orders': { who: (w) => w.world.people.pharmacy, path: () => '/me/orders' },
  'GET /prescriptions/{prescriptionId}': { who: reader, path: (w) => `/prescriptions/${w.world.prescriptionId}` },
  'POST /prescriptions/{prescriptionId}/reads': { who: reader, path: (w) => `/prescriptions/${w.world.prescriptionId}/reads`, method: 'post' },
  'GET /patients/{patientId}/prescriptions': { who: reader, path: (w) => `/patients/${pid(w)}/prescriptions` },
  'GET /insurance/claims/{claimId}': { who: (w) => w.world.people.insurer, path: (w) => `/insurance/claims/${w.claimId}` },
  'POST /insurance/claims/{claimId}/reads': { who: reader, path: (w) => `/insurance/claims/${w.claimId}/reads`, method: 'post' },
  'GET /insurance/policies/{policyId}/claims': { who: (w) => w.world.people.insurer, path: (w) => `/insurance/policies/${w.world.policyId}/claims` },
  'GET /me/insurance/claims': { who: (w) => w.world.people.insurer, path: () => '/me/insurance/claims' },
  'GET /insurance/applications/{applicationId}': { who: (w) => w.world.people.insurer, path: (w) => `/insurance/applications/${w.applicationId}` },
  'GET /patients/{patientId}/insurance/applications': { who: reader, path: (w) => `/patients/${pid(w)}/insurance/applications` },
  'GET /me/insurance/applications': { who: (w) => w.world.people.insurer, path: () => '/me/insurance/applications' },
  'GET /insurance/policies/{policyId}': { who: (w) => w.world.people.insurer, path: (w) => `/insurance/policies/${w.world.policyId}` },
  'GET /patients/{patientId}/insurance/policies': { who: reader, path: (w) => `/patients/${pid(w)}/insurance/policies` },
  'GET /me/insurance/policies': { who: (w) => w.world.people.insurer, path: () => '/me/insurance/policies' },
  'GET /appointments/{appointmentId}': { who: (w) => w.provider, path: (w) => `/appointments/${w.appointmentId}` },
  'POST /appointments/{appointmentId}/detail-reads': { who: reader, path: (w) => `/appointments/${w.appointmentId}/detail-reads`, method: 'post' },
  'GET /patients/{patientId}/appointments': { who: reader, path: (w) => `/patients/${pid(w)}/appointments` },
  'GET /me/appointments': { who: (w) => w.provider, path: () => '/me/appointments' },
  'GET /hospital-services/{requestId}': { who: (w) => w.hospital, path: (w) => `/hospital-services/${w.serviceRequestId}` },
  'POST /hospital-services/{requestId}/detail-reads': { who: reader, path: (w) => `/hospital-services/${w.serviceRequestId}/detail-reads`, method: 'post' },
  'GET /patients/{patientId}/hospital-services': { who: reader, path: (w) => `/patients/${pid(w)}/hospital-services` },
  'GET /me/hospital-services': { who: (w) => w.hospital, path: () => '/me/hospital-services' },
  'POST /hospital-services/{requestId}/dispute-reads': { who: (w) => w.hospital, path: (w) => `/hospital-services/${w.disputedRequestId}/dispute-reads`, method: 'post' },
  'GET /me/referrals': { who: (w) => w.provider, path: () => '/me/referrals' },
  'GET /fhir/Appointment/{id}': { who: (w) => w.provider, path: (w) => `/fhir/Appointment/${fhirId(w.appointmentId)}` },
  'GET /fhir/Appointment': { who: reader, path: (w) => `/fhir/Appointment?patient=Patient/${fhirId(pid(w))}` },
  'GET /fhir/MedicationRequest/{id}': { who: reader, path: (w) => `/fhir/MedicationRequest/${fhirId(w.world.prescriptionId)}` },
  'GET /fhir/MedicationRequest': { who: reader, path: (w) => `/fhir/MedicationRequest?patient=${fhirId(pid(w))}` },
  'GET /fhir/MedicationDispense/{id}': { who: (w) => w.world.people.pharmacy, path: (w) => `/fhir/MedicationDispense/${fhirId(w.orderId)}` },
  'GET /fhir/MedicationDispense': { who: reader, path: (w) => `/fhir/MedicationDispense?patient=${fhirId(pid(w))}` },
  'GET /fhir/Claim/{id}': { who: (w) => w.world.people.insurer, path: (w) => `/fhir/Claim/${fhirId(w.claimId)}` },
  'GET /fhir/Claim': { who: reader, path: (w) => `/fhir/Claim?coverage=Coverage/${fhirId(w.world.policyId)}` },
  'GET /fhir/ClaimResponse/{id}': { who: reader, path: (w) => `/fhir/ClaimResponse/${fhirId(w.decidedClaimId)}` },
  'GET /fhir/ClaimResponse': { who: (w) => w.world.people.insurer, path: () => '/fhir/ClaimResponse' },
  'GET /fhir/Coverage/{id}': { who: (w) => w.world.people.insurer, path: (w) => `/fhir/Coverage/${fhirId(w.world.policyId)}` },
  'GET /fhir/Coverage': { who: reader, path: (w) => `/fhir/Coverage?patient=${fhirId(pid(w))}` },
  'GET /fhir/ServiceRequest/{id}': { who: (w) => w.hospital, path: (w) => `/fhir/ServiceRequest/${fhirId(w.serviceRequestId)}` },
  'GET /fhir/ServiceRequest': { who: reader, path: (w) => `/fhir/ServiceRequest?patient=${fhirId(pid(w))}` },
  'GET /fhir/DiagnosticReport/{id}': { who: (w) => w.hospital, path: (w) => `/fhir/DiagnosticReport/${fhirId(w.disputedRequestId)}` },
  'GET /fhir/DiagnosticReport': { who: reader, path: (w) => `/fhir/DiagnosticReport?patient=${fhirId(pid(w))}` },
  'GET /fhir/DocumentReference/{id}': { who: reader, path: (w) => `/fhir/DocumentReference/${fhirId(w.fileId)}` },
  'GET /fhir/DocumentReference/{id}/_history/{vid}': { who: reader, path: (w) => `/fhir/DocumentReference/${fhirId(w.fileId)}/_history/1` },
  'GET /fhir/DocumentReference': { who: reader, path: (w) => `/fhir/DocumentReference?patient=Patient/${fhirId(pid(w))}` },
  'GET /fhir/Binary/{id}': { who: reader, path: (w) => `/fhir/Binary/${String(binaryIdOf(w.fileId, 1))}` },
};

/** A request of the patient's carried to a disputed report (attached from the patient's own lab file). */
async function disputedRequest(w: Walk): Promise<string> {
  const id = await idOf(ok(w.world, 'patient', 'post', '/hospital-services', { hospitalId: w.hospital.principal.stakeholderId, serviceCode: 'LAB-CBC', details: 'blood count' }));
  const path = `/hospital-services/${id}`;
  await ok(w.world, 'hospitalWithoutConsent', 'post', `${path}/quote`, { priceMinor: 1500, currency: 'EUR', validUntil: hoursFromNow(24) });
  await ok(w.world, 'patient', 'post', `${path}/acceptance`, {});
  await ok(w.world, 'patient', 'post', `${path}/payment`, { method: 'cash', reference: 'receipt-walk' });
  await ok(w.world, 'hospitalWithoutConsent', 'post', `${path}/payment-confirmation`, {});
  await ok(w.world, 'hospitalWithoutConsent', 'post', `${path}/report`, { fileId: w.fileId });
  await ok(w.world, 'patient', 'post', `${path}/report-dispute`, { reason: 'not my values' });
  return id;
}

/** "METHOD /path" of every operation in the document, with whether it is marked as a read of patient data. */
function operationsOf(document: OpenApiDocument): { route: string; patientData: boolean }[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, patientData: operation['x-patient-data'] === true })),
  );
}

/** Every entry ID of the patient's log (all pages, through the chaincode as the patient). */
async function logEntries(w: Walk): Promise<{ id: string; accessorId: string }[]> {
  const entries: { id: string; accessorId: string }[] = [];
  let bookmark = '';
  do {
    const page = JSON.parse(await w.world.gateway.services.ledger.evaluate(w.world.people.patient.principal, 'AccessLog:listMine', ['100', bookmark])) as {
      items: { id: string; accessorId: string }[];
      bookmark: string;
    };
    entries.push(...page.items);
    bookmark = page.bookmark;
  } while (bookmark !== '');
  return entries;
}

describe('the accounting of disclosures, walked from the route table', () => {
  const world = useCareWorld();
  const walk = {} as Walk;

  beforeAll(async () => {
    walk.world = world;
    const people = world.people;
    walk.reader = people.doctor;
    walk.provider = people.doctor;
    walk.hospital = people.hospitalWithoutConsent;
    const categories = ['lab', 'imaging', 'prescription', 'appointment', 'insurance', 'clinical-note', 'billing'];
    await ok(world, 'patient', 'post', '/consents', { granteeId: people.doctor.principal.stakeholderId, actions: ['view', 'edit'], scope: { categories }, purpose: 'TREAT', validUntil: hoursFromNow(24 * 7) });
    walk.fileId = await uploadedFile(world.gateway, people.patient, { patientId: world.patientId, category: 'lab', fileName: 'cbc.txt', mediaType: 'text/plain', content: 'blood count' });
    walk.orderId = await newOrder(world);
    walk.claimId = await newClaim(world);
    walk.decidedClaimId = await newClaim(world);
    await ok(world, 'insurer', 'post', `/insurance/claims/${walk.decidedClaimId}/decision`, { decision: 'denied', approvedAmountMinor: 0 });
    walk.applicationId = await newApplication(world);
    walk.appointmentId = await idOf(ok(world, 'patient', 'post', '/appointments', { providerId: people.doctor.principal.stakeholderId, startsAt: hoursFromNow(24 * 5), endsAt: hoursFromNow(24 * 5 + 0.5), reason: 'follow-up' }));
    walk.serviceRequestId = await idOf(ok(world, 'patient', 'post', '/hospital-services', { hospitalId: walk.hospital.principal.stakeholderId, serviceCode: 'LAB-CBC', details: 'blood count' }));
    walk.disputedRequestId = await disputedRequest(walk);
    await ok(world, 'doctor', 'post', '/referrals', { patientId: world.patientId, hospitalId: walk.hospital.principal.stakeholderId, details: 'knee pain' });
  });

  it('when the document is read, then every GET is either a logged read of patient data or listed with the reason it is not, and every logged read has a walk', async () => {
    const document = (await request(world.gateway.app).get('/openapi.json')).body as OpenApiDocument;
    const operations = operationsOf(document);
    const unexplained = operations.filter(({ route, patientData }) => route.startsWith('GET ') && !patientData && NOT_PATIENT_DATA[route] === undefined && !NOT_PATIENT_DATA_PREFIXES.some((prefix) => route.startsWith(prefix)));
    const unwalked = operations.filter(({ route, patientData }) => patientData && READS[route] === undefined);
    const staleWalks = Object.keys(READS).filter((route) => !operations.some((operation) => operation.route === route && operation.patientData));

    expect({ unexplained, unwalked, staleWalks }).toEqual({ unexplained: [], unwalked: [], staleWalks: [] });
  });

  it.each(Object.entries(READS))('when someone other than the patient calls %s, then the patient\'s access log gains an entry naming them', async (_route, read) => {
    const caller = read.who(walk);
    const before = new Set((await logEntries(walk)).map((entry) => entry.id));

    const response = read.method === 'post' ? await as(world.gateway, caller).post(read.path(walk)).send(read.body ?? {}) : await as(world.gateway, caller).get(read.path(walk));

    expect(response.status).toBe(200);
    const added = (await logEntries(walk)).filter((entry) => !before.has(entry.id));
    expect(added.map((entry) => entry.accessorId)).toContain(caller.principal.stakeholderId);
  });

  it('when the patient reads their own files, then nothing is added to their log', async () => {
    const before = (await logEntries(walk)).length;

    const response = await as(world.gateway, world.people.patient).get(`/patients/${world.patientId}/files`);

    expect(response.status).toBe(200);
    expect((await logEntries(walk)).length).toBe(before);
  });

  it('when a reader states a purpose that is not a purpose-of-use code, then it is refused at the edge', async () => {
    const response = await as(world.gateway, walk.reader).get(`/files/${walk.fileId}?purpose=because`);

    expect(response.status).toBe(422);
  });
});
