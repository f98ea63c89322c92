import { ledgerUnderTest } from '../../test-support/test-gateway';
import { as, grantTreatment, hoursFromNow, useGatewayAndActors } from '../../acceptance/test-support/actors';
import { anyOf, codeOf, including, matching, pageIn, problemOf, resourceOf } from '../../test-support/response-body';

const ITEMS = [
  { medicine: 'Amoxicillin 500 mg', dose: '1 capsule', frequency: 'three times a day', durationDays: 7 },
  { medicine: 'Paracetamol 500 mg', dose: '2 tablets', instructions: 'when needed, at most 8 a day' },
];

describe('the prescription story over REST', () => {
  const { gateway, actors } = useGatewayAndActors({ ledger: ledgerUnderTest() });

  it('when a doctor issues with the patient’s edit grant and the patient orders twice from a consented pharmacy, then the pharmacy reads (logged) and dispenses the first, the second is refused QUANTITY_EXCEEDED, and the patient confirms receipt and sees the read', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const pharmacy = await actors.organisation('pharmacy', ['read', 'write']);
    const patientId = patient.principal.stakeholderId;
    const pharmacyId = pharmacy.principal.stakeholderId;
    const editGrant = await grantTreatment(gateway, patient, doctor, { actions: ['view', 'edit'], categories: ['prescription'], validUntil: hoursFromNow(24) });
    expect(editGrant.status).toBe(201);

    const issued = await as(gateway, doctor).post('/prescriptions').send({ patientId, totalQuantity: 30, refills: 0, validUntil: hoursFromNow(24 * 30), items: ITEMS });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ patientId, doctorId: doctor.principal.stakeholderId, totalQuantity: 30, remaining: 30, status: 'active', issueBasis: 'grant', issueGrantId: resourceOf(editGrant).id });
    expect(JSON.stringify(issued.body)).not.toContain('Amoxicillin');
    const prescriptionId = resourceOf(issued).id;

    // Ordering is the consent: each order lets its pharmacy view this prescription, and says by which grant.
    const first = await as(gateway, patient).post('/orders').send({ prescriptionId, pharmacyId, quantity: 20, paymentMethod: 'online' });
    const second = await as(gateway, patient).post('/orders').send({ prescriptionId, pharmacyId, quantity: 20, paymentMethod: 'cash-on-delivery' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const [firstId, secondId] = [first, second].map((response) => resourceOf(response).id);
    const sharedId = String(resourceOf(first).consentGrantId);
    expect(first.body).toMatchObject({ status: 'placed', consentBasis: 'grant', consentGrantId: matching(/^grant-/) });
    expect(pageIn(await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/consents`)).items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: sharedId, granteeId: pharmacyId, scope: { recordIds: [prescriptionId] }, purpose: 'TREAT', workflow: { type: 'medicine-order', id: firstId } }),
      ]),
    );

    const queue = await as(gateway, pharmacy).get('/me/orders?status=placed');
    expect(queue.status).toBe(200);
    expect(pageIn(queue).items.map((order) => order.id).sort()).toEqual([firstId, secondId].sort());

    expect((await as(gateway, pharmacy).post(`/orders/${firstId}/acceptance`)).body).toMatchObject({ status: 'accepted', acceptedAt: anyOf(String) });
    const read = await as(gateway, pharmacy).post(`/orders/${firstId}/prescription-reads`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ order: { id: firstId }, prescription: { id: prescriptionId }, items: ITEMS });
    const dispensed = await as(gateway, pharmacy).post(`/orders/${firstId}/dispensing`);
    expect(dispensed.status).toBe(200);
    expect(resourceOf(dispensed).status).toBe('dispensed');
    expect((await as(gateway, patient).get(`/prescriptions/${prescriptionId}`)).body).toMatchObject({ remaining: 10, dispensedQuantity: 20, dispenseCount: 1, status: 'active' });

    expect((await as(gateway, pharmacy).post(`/orders/${secondId}/acceptance`)).status).toBe(200);
    const exceeded = await as(gateway, pharmacy).post(`/orders/${secondId}/dispensing`);
    expect(exceeded.status).toBe(409);
    expect(exceeded.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(codeOf(exceeded)).toBe('QUANTITY_EXCEEDED');
    expect(resourceOf(await as(gateway, pharmacy).get(`/orders/${secondId}`)).status).toBe('accepted');

    const received = await as(gateway, patient).post(`/orders/${firstId}/receipt`);
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ status: 'received', receivedAt: anyOf(String) });

    const log = await as(gateway, patient).get('/me/access-log');
    expect(log.status).toBe(200);
    // Both orders' grants cover this prescription for this pharmacy; the decision takes the first in
    // key order, and grant IDs come from transaction IDs, so either may be the one named.
    const orderGrants = [sharedId, String(resourceOf(second).consentGrantId)];
    const pharmacyRead = pageIn(log).items.find((entry) => entry.accessorId === pharmacyId && entry.resourceType === 'prescription');
    expect(pharmacyRead).toMatchObject({ accessorRole: 'pharmacy', action: 'view', category: 'prescription', resourceId: prescriptionId, basis: 'grant' });
    expect(orderGrants).toContain(pharmacyRead?.grantId);
    const orders = await as(gateway, patient).get(`/patients/${patientId}/orders?status=received`);
    expect(orders.body).toEqual({ items: [expect.objectContaining({ id: firstId })], nextCursor: null });
    expect(gateway.logs.text()).not.toMatch(/Amoxicillin|Paracetamol|capsule/);
  });

  it('when the patient reads their own prescription and lists them, then the items come back from the logged read only and the list pages by status', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;
    await grantTreatment(gateway, patient, doctor, { actions: ['edit'], categories: ['prescription'], validUntil: hoursFromNow(24) });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const issued = await as(gateway, doctor).post('/prescriptions').send({ patientId, totalQuantity: 10, refills: 1, validUntil: hoursFromNow(48), items: [ITEMS[0]] });
      expect(issued.status).toBe(201);
      ids.push(resourceOf(issued).id);
    }

    const cancelled = await as(gateway, doctor).post(`/prescriptions/${ids[2]}/cancellation`);
    const read = await as(gateway, patient).post(`/prescriptions/${ids[0]}/reads`);
    const active = await as(gateway, patient).get(`/patients/${patientId}/prescriptions?status=active&limit=1`);
    const next = await as(gateway, patient).get(`/patients/${patientId}/prescriptions?status=active&limit=1&cursor=${String(pageIn(active).nextCursor)}`);

    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledAt: anyOf(String) });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ prescription: including({ id: ids[0], dispensableQuantity: 20 }), items: [ITEMS[0]] });
    expect(pageIn(active).items).toHaveLength(1);
    expect(pageIn(next).items).toHaveLength(1);
    expect([...pageIn(active).items, ...pageIn(next).items].map((item) => item.id).sort()).toEqual([ids[0], ids[1]].sort());
  });

  it('when a prescription is issued with malformed items or a bad ID, then 422 lists the fields and the items are neither echoed nor logged', async () => {
    const doctor = await actors.person('doctor');
    const patient = await actors.person('patient');

    const malformed = await as(gateway, doctor)
      .post('/prescriptions')
      .send({ patientId: patient.principal.stakeholderId, totalQuantity: 0, refills: 0, validUntil: hoursFromNow(24), items: [{ medicine: 'Secretol 20 mg', dose: '', colour: 'blue' }] });
    const badId = await as(gateway, doctor).get('/prescriptions/..%2F..%2Fetc');

    expect(malformed.status).toBe(422);
    expect(problemOf(malformed).errors?.map((error) => error.path)).toEqual(expect.arrayContaining(['totalQuantity', 'items.0.dose', 'items.0']));
    expect(JSON.stringify(malformed.body)).not.toContain('Secretol');
    expect(gateway.logs.text()).not.toContain('Secretol');
    expect([404, 422]).toContain(badId.status);
  });
});
