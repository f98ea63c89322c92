import request from 'supertest';
import { hoursFromNow, type Actor } from '../../../acceptance/test-support/actors';
import { idOf, newClaim, newOrder, ok, useCareWorld, type CareWorld } from '../../../acceptance/test-support/care-matrix-world';
import { uploadedFile } from '../../../acceptance/test-support/uploads';
import { binaryIdOf } from '../../../fhir/binary';

/**
 * The data the FHIR validation harness (fhir-validation.test.ts) reads through /fhir: the care
 * world (a patient, doctor, pharmacy, insurer, grants, a prescription, a published package and a
 * policy) plus a file, an order, a claim, an appointment, a hospital service carried to a report,
 * and a disclosure in the patient's log. A resource type whose search finds nothing here fails the
 * harness: append the seeding it needs below.
 */
export interface FhirWorld {
  care: CareWorld;
  /** Who calls the interactions: the patient, who may read all of their own data. */
  caller: () => Actor;
  /** Ids to read for the types that have a read but no search (stakeholders), by resource type. */
  knownIds: Record<string, string[]>;
  /** The query of a type's search when it takes no `patient` (default: none), by resource type. */
  searchQueries: Record<string, string>;
}

export function useFhirWorld(): FhirWorld {
  const care = useCareWorld();
  const world: FhirWorld = { care, caller: () => care.people.patient, knownIds: {}, searchQueries: {} };

  beforeAll(async () => {
    const { people, patientId } = care;
    const id = (who: keyof CareWorld['people']) => people[who].principal.stakeholderId;
    const hospital = people.hospitalWithoutConsent;
    const categories = ['lab', 'imaging', 'prescription', 'appointment', 'insurance', 'clinical-note', 'billing'];
    await ok(care, 'patient', 'post', '/consents', { granteeId: id('doctor'), actions: ['view', 'edit'], scope: { categories }, purpose: 'TREAT', validUntil: hoursFromNow(24 * 7) });
    const fileId = await uploadedFile(care.gateway, people.patient, { patientId, category: 'lab', fileName: 'cbc.txt', mediaType: 'text/plain', content: 'blood count' });
    const version = await request(care.gateway.app).post(`/files/${fileId}/versions`).set(...people.doctor.header).set('Content-Type', 'text/plain').set('X-File-Name', 'cbc-2.txt').send('blood count, corrected');
    if (version.status !== 201) {
      throw new Error(`arranging a second version failed: ${version.status} ${version.text}`);
    }
    await ok(care, 'doctor', 'get', `/files/${fileId}`); // a disclosure: the patient's log gains an entry
    await newOrder(care);
    const claimId = await newClaim(care);
    await ok(care, 'insurer', 'post', `/insurance/claims/${claimId}/decision`, { decision: 'denied', approvedAmountMinor: 0 }); // a ClaimResponse
    await ok(care, 'patient', 'post', '/appointments', { providerId: id('doctor'), startsAt: hoursFromNow(24 * 5), endsAt: hoursFromNow(24 * 5 + 0.5), reason: 'follow-up' });
    const requestId = await idOf(ok(care, 'patient', 'post', '/hospital-services', { hospitalId: hospital.principal.stakeholderId, serviceCode: 'LAB-CBC', details: 'blood count' }));
    const path = `/hospital-services/${requestId}`;
    await ok(care, 'hospitalWithoutConsent', 'post', `${path}/quote`, { priceMinor: 1500, currency: 'EUR', validUntil: hoursFromNow(24) });
    await ok(care, 'patient', 'post', `${path}/acceptance`, {});
    await ok(care, 'patient', 'post', `${path}/payment`, { method: 'cash', reference: 'receipt-fhir' });
    await ok(care, 'hospitalWithoutConsent', 'post', `${path}/payment-confirmation`, {});
    await ok(care, 'hospitalWithoutConsent', 'post', `${path}/report`, { fileId });
    world.searchQueries = { Claim: `coverage=Coverage/${care.policyId}`, ClaimResponse: `coverage=Coverage/${care.policyId}` };
    world.knownIds = {
      Patient: [patientId],
      Practitioner: [id('doctor')],
      Organization: [id('pharmacy'), id('insurer'), hospital.principal.stakeholderId],
      Binary: [1, 2].map((version) => String(binaryIdOf(fileId, version))),
    };
  });

  return world;
}
