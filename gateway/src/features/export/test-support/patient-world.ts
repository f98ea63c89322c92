import { createHash } from 'node:crypto';
import { z } from 'zod';
import { as, hoursFromNow, type Actor, type Actors } from '../../../acceptance/test-support/actors';
import { uploadedFile } from '../../../acceptance/test-support/uploads';
import { bodyOf } from '../../../test-support/response-body';
import type { TestGateway } from '../../../test-support/test-gateway';

/** The private details the world writes, so a test can look for each in the take-out. */
export const SECRETS = {
  fileName: 'Ferritin follow-up.pdf',
  appointmentReason: 'Recurring migraine with aura since March',
  serviceDetails: 'MRI of the left knee after a sports injury',
  medicine: 'Sumatriptan 50 mg',
  claimDetails: 'Neurology consultation and MRI',
  reportName: 'mri-report.pdf',
  amendmentReason: 'The report names the wrong knee',
} as const;

export const CONTENT = {
  v1: Buffer.from('%PDF-1.7 ferritin 12 ng/mL'),
  v2: Buffer.from('%PDF-1.7 ferritin 12 ng/mL, corrected reference range'),
  report: Buffer.from('%PDF-1.7 MRI: no structural damage'),
  amendment: Buffer.from('%PDF-1.7 MRI of the right knee: no structural damage'),
};

/** What the world made: the people, and the IDs a test checks in the take-out. */
export interface PatientWorld {
  patient: Actor;
  doctor: Actor;
  hospital: Actor;
  pharmacy: Actor;
  insurer: Actor;
  delegate: Actor;
  fileId: string;
  reportFileId: string;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const idSchema = z.object({ id: z.string() }).catchall(z.unknown());

/**
 * Drives one patient through every flow the ledger knows, so a take-out that forgets a kind of
 * data fails: two versions of a file, consent (grants, an access request, a delegation,
 * break-glass), a doctor's logged read (the access log), an appointment, a hospital service up to
 * its report and the patient's amendment of it, a prescription and an order, an insurance application, policy, claim and decision.
 */
export async function patientThroughEveryFlow(gateway: TestGateway, actors: Actors): Promise<PatientWorld> {
  const patient = await actors.person('patient');
  const doctor = await actors.person('doctor');
  const hospital = await actors.organisation('hospital');
  const pharmacy = await actors.organisation('pharmacy');
  const insurer = await actors.organisation('insurer');
  const delegate = await actors.person('patient');
  const patientId = patient.principal.stakeholderId;
  const ok = async (actor: Actor, method: 'get' | 'post', path: string, body?: object) => {
    const pending = as(gateway, actor)[method](path);
    const response = await (body === undefined ? pending : pending.send(body));
    if (response.status >= 300) {
      throw new Error(`arranging ${method.toUpperCase()} ${path} failed: ${String(response.status)} ${response.text}`);
    }
    return response;
  };
  const id = async (made: ReturnType<typeof ok>) => bodyOf(await made, idSchema).id;
  const grant = (grantee: Actor, actions: string[], categories: string[], purpose: string) =>
    ok(patient, 'post', '/consents', { granteeId: grantee.principal.stakeholderId, actions, scope: { categories }, purpose, validUntil: hoursFromNow(24 * 7) });

  // Records: a file in two versions; consent: grants, a request, a delegation, break-glass.
  const fileId = await uploadedFile(gateway, patient, { patientId, category: 'lab', fileName: SECRETS.fileName, mediaType: 'application/pdf', content: CONTENT.v1 });
  await gateway.services.files.ready();
  await as(gateway, patient).post(`/files/${fileId}/versions`).set('Content-Type', 'application/pdf').send(CONTENT.v2).expect(201);
  await grant(doctor, ['view', 'edit'], ['lab', 'prescription'], 'TREAT');
  await grant(hospital, ['view', 'edit'], ['imaging'], 'TREAT');
  await grant(pharmacy, ['view'], ['prescription'], 'TREAT');
  await grant(insurer, ['view'], ['billing', 'insurance'], 'HPAYMT');
  await ok(doctor, 'post', '/access-requests', { patientId, actions: ['view'], scope: { categories: ['imaging'] }, purpose: 'TREAT', validUntil: hoursFromNow(24) });
  await ok(patient, 'post', '/delegations', { delegateId: delegate.principal.stakeholderId, validUntil: hoursFromNow(24 * 30) });
  await ok(doctor, 'post', `/patients/${patientId}/break-glass`, { reason: 'Unconscious in the emergency room' });
  await ok(doctor, 'get', `/files/${fileId}/content`);

  // Care: an appointment, a hospital service up to its report, a prescription and its order.
  await ok(patient, 'post', '/appointments', { providerId: doctor.principal.stakeholderId, startsAt: hoursFromNow(48), endsAt: hoursFromNow(49), reason: SECRETS.appointmentReason });
  const service = `/hospital-services/${await id(ok(patient, 'post', '/hospital-services', { hospitalId: hospital.principal.stakeholderId, serviceCode: 'IMG.MRI-KNEE', details: SECRETS.serviceDetails }))}`;
  await ok(hospital, 'post', `${service}/quote`, { priceMinor: 45_000, currency: 'EUR', validUntil: hoursFromNow(24 * 7) });
  await ok(patient, 'post', `${service}/acceptance`, {});
  await ok(patient, 'post', `${service}/payment`, { method: 'cash', reference: 'receipt-2031' });
  await ok(hospital, 'post', `${service}/payment-confirmation`, {});
  const reportFileId = await uploadedFile(gateway, hospital, { patientId, category: 'imaging', fileName: SECRETS.reportName, mediaType: 'application/pdf', content: CONTENT.report });
  await ok(hospital, 'post', `${service}/report`, { fileId: reportFileId });
  await as(gateway, patient)
    .post(`/files/${reportFileId}/amendments`)
    .set('Content-Type', 'application/pdf')
    .set('X-Amendment-Reason', encodeURIComponent(SECRETS.amendmentReason))
    .send(CONTENT.amendment)
    .expect(201);
  const prescriptionId = await id(
    ok(doctor, 'post', '/prescriptions', { patientId, totalQuantity: 10, refills: 1, validUntil: hoursFromNow(24 * 30), items: [{ medicine: SECRETS.medicine, dose: '1 tablet', frequency: 'at onset' }] }),
  );
  await ok(patient, 'post', '/orders', { prescriptionId, pharmacyId: pharmacy.principal.stakeholderId, quantity: 5, paymentMethod: 'online' });

  // Insurance: a package, an application answered into a policy, a claim and its decision.
  const packageId = `pkg-take-out-${String(Date.now())}`;
  const termsSha256 = sha(`terms of ${packageId}`);
  await ok(insurer, 'post', '/insurance/packages', { packageId, termsSha256, priceMinor: 12_000, currency: 'EUR', coverage: { categories: ['imaging', 'consultation'], annualLimitMinor: 1_000_000 }, eligibilitySummary: 'Everyone' });
  const applicationId = await id(ok(patient, 'post', '/insurance/applications', { packageId, version: 1, acceptedTermsSha256: termsSha256, responseDeadline: hoursFromNow(48) }));
  const answered = await ok(insurer, 'post', `/insurance/applications/${applicationId}/response`, { termsSha256, priceMinor: 12_000 });
  const policyId = bodyOf(answered, z.object({ policy: z.object({ id: z.string() }) })).policy.id;
  const claimId = await id(ok(patient, 'post', '/insurance/claims', { policyId, invoiceSha256: sha(`invoice of ${policyId}`), amountMinor: 30_000, details: SECRETS.claimDetails }));
  await ok(insurer, 'post', `/insurance/claims/${claimId}/decision`, { decision: 'partially-approved', approvedAmountMinor: 20_000 });

  return { patient, doctor, hospital, pharmacy, insurer, delegate, fileId, reportFileId };
}
