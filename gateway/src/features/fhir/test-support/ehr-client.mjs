// A hospital system (EHR) driving MedLedger's /fhir with a real FHIR client library, in its own
// process: fhir-kit-client 2 is an ES module, which the jest runtime cannot load, and an EHR is a
// separate program anyway. fhir-client-story.test.ts starts it with what it needs in EHR_INPUT
// (base URL, the patient app's and the doctor's credentials, IDs) and reads the JSON it prints:
// every resource the client received, for the test to assert on and validate.
import { Client } from 'fhir-kit-client';

const input = JSON.parse(process.env.EHR_INPUT ?? '{}');
const { baseUrl, patientHeader, doctorHeader, strangerHeader, patientId, doctorId, policyId } = input;
const inHours = (hours) => new Date(Date.now() + hours * 3_600_000).toISOString();
const client = (header) => new Client({ baseUrl, customHeaders: { [header[0]]: header[1] } });
const patientApp = client(patientHeader);
const ehr = client(doctorHeader);
const coding = (system, code) => ({ coding: [{ system, code }] });

const received = {};
received.capabilities = await ehr.capabilityStatement();
received.granted = await patientApp.create({
  resourceType: 'Consent',
  body: {
    resourceType: 'Consent',
    status: 'active',
    scope: coding('http://terminology.hl7.org/CodeSystem/consentscope', 'patient-privacy'),
    category: [coding('http://loinc.org', '59284-0')],
    patient: { reference: `Patient/${patientId}` },
    policyRule: coding('http://terminology.hl7.org/CodeSystem/v3-ActCode', 'OPTIN'),
    provision: {
      type: 'permit',
      period: { end: inHours(24 * 7) },
      actor: [{ role: coding('urn:medledger:role', 'doctor'), reference: { reference: `Practitioner/${doctorId}` } }],
      action: ['access', 'correct'].map((code) => coding('http://terminology.hl7.org/CodeSystem/consentaction', code)),
      purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' }],
      class: ['appointment', 'prescription', 'lab'].map((code) => ({ system: 'urn:medledger:data-category', code })),
    },
  },
});
received.patient = await ehr.read({ resourceType: 'Patient', id: patientId });
received.held = await ehr.search({ resourceType: 'Consent' });
received.booked = await patientApp.create({
  resourceType: 'Appointment',
  body: {
    resourceType: 'Appointment',
    status: 'proposed',
    start: inHours(48),
    end: inHours(48.5),
    reasonCode: [{ text: 'persistent cough' }],
    participant: [
      { actor: { reference: `Patient/${patientId}` }, status: 'accepted' },
      { actor: { reference: `Practitioner/${doctorId}` }, status: 'needs-action' },
    ],
  },
});
received.appointment = await ehr.read({ resourceType: 'Appointment', id: received.booked.id });
received.prescribed = await ehr.create({
  resourceType: 'MedicationRequest',
  body: {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${patientId}` },
    requester: { reference: `Practitioner/${doctorId}` },
    medicationCodeableConcept: { text: 'Amoxicillin 500 mg' },
    dosageInstruction: [{ text: '1 capsule three times a day' }],
    dispenseRequest: { quantity: { value: 21, unit: 'capsules' }, numberOfRepeatsAllowed: 0, validityPeriod: { end: inHours(24 * 30) } },
  },
});
received.prescriptions = await ehr.search({ resourceType: 'MedicationRequest', searchParams: { patient: `Patient/${patientId}` } });
received.claimed = await patientApp.create({
  resourceType: 'Claim',
  body: {
    resourceType: 'Claim',
    status: 'active',
    use: 'claim',
    type: coding('http://terminology.hl7.org/CodeSystem/claim-type', 'professional'),
    priority: { coding: [{ code: 'normal' }] },
    patient: { reference: `Patient/${patientId}` },
    provider: { reference: `Patient/${patientId}` },
    identifier: [{ system: 'urn:medledger:invoice-sha256', value: input.invoiceSha256 }],
    insurance: [{ sequence: 1, focal: true, coverage: { reference: `Coverage/${policyId}` } }],
    supportingInfo: [{ sequence: 1, category: { text: 'details' }, valueString: 'chest X-ray' }],
    total: { value: 80, currency: 'EUR' },
  },
});
received.consentPages = [];
for (let page = await patientApp.search({ resourceType: 'Consent', searchParams: { patient: `Patient/${patientId}`, _count: 1 } }); page !== undefined; page = await patientApp.nextPage({ bundle: page })) {
  received.consentPages.push(page);
}
received.auditPages = [];
for (let page = await patientApp.search({ resourceType: 'AuditEvent', searchParams: { _count: 2 } }); page !== undefined && received.auditPages.length < 20; page = await patientApp.nextPage({ bundle: page })) {
  received.auditPages.push(page);
}
received.refused = await client(strangerHeader)
  .search({ resourceType: 'Consent', searchParams: { patient: `Patient/${patientId}` } })
  .then(() => undefined, (error) => ({ status: error.response?.status ?? error.status, body: error.response?.data ?? error.data, message: String(error) }));
process.stdout.write(JSON.stringify(received));
