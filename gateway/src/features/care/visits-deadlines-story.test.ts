import { HOUR } from '../../test-support/manual-clock';
import { as, useGatewayAndActors } from '../../acceptance/test-support/actors';
import { codeOf, pageIn, resourceOf } from '../../test-support/response-body';
import { createLedgerClockGateway, later } from '../../acceptance/test-support/ledger-clock-gateway';

/**
 * Embedded only (jest.config.js): each story crosses a deadline hours or days away by advancing
 * the ledger-clock gateway's manual clock, which the Fabric ledger (wall-clock transaction time)
 * cannot follow. The other visit stories, in visits-story.test.ts, also run against the network.
 */
describe('appointment and hospital-service deadlines over REST', () => {
  const { gateway, actors } = useGatewayAndActors(() => createLedgerClockGateway());

  it('when a patient books a verified doctor, the doctor proposes another time, the patient accepts and the doctor completes after the start, then each step answers 200 and the reason is read only under a grant, logged, and never in the gateway logs', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;
    const reason = 'Recurring chest pain after climbing stairs';

    const booked = await as(gateway, patient)
      .post('/appointments')
      .send({ providerId: doctor.principal.stakeholderId, startsAt: later(gateway, 24), endsAt: later(gateway, 24.5), reason });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ patientId, providerId: doctor.principal.stakeholderId, providerRole: 'doctor', status: 'requested' });
    expect(JSON.stringify(booked.body)).not.toContain(reason);
    const appointmentId = resourceOf(booked).id;
    const path = `/appointments/${appointmentId}`;

    const inbox = await as(gateway, doctor).get('/me/appointments?status=requested');
    expect(inbox.body).toEqual({ items: [expect.objectContaining({ id: appointmentId })], nextCursor: null });

    const newStart = later(gateway, 48);
    const proposed = await as(gateway, doctor).post(`${path}/proposal`).send({ startsAt: newStart, endsAt: later(gateway, 48.5) });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ status: 'proposed', proposedStartsAt: newStart });

    const accepted = await as(gateway, patient).post(`${path}/proposal-acceptance`).send({});
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'confirmed', startsAt: newStart });
    expect(resourceOf(accepted).proposedStartsAt).toBeUndefined();

    const early = await as(gateway, doctor).post(`${path}/completion`).send({});
    expect(early.status).toBe(409);
    expect(codeOf(early)).toBe('DEADLINE_NOT_REACHED');

    gateway.clock.advance(49 * HOUR);
    const completed = await as(gateway, doctor).post(`${path}/completion`).send({});
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'completed' });
    expect(pageIn(await as(gateway, patient).get(`/patients/${patientId}/appointments?status=completed`)).items).toEqual([expect.objectContaining({ id: appointmentId })]);

    const withoutGrant = await as(gateway, doctor).post(`${path}/detail-reads`).send({});
    expect(withoutGrant.status).toBe(403);
    expect(codeOf(withoutGrant)).toBe('CONSENT_REQUIRED');
    const grant = await as(gateway, patient)
      .post('/consents')
      .send({ granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { recordIds: [appointmentId] }, purpose: 'TREAT', validFrom: later(gateway, 0), validUntil: later(gateway, 24) });
    expect(grant.status).toBe(201);

    const read = await as(gateway, doctor).post(`${path}/detail-reads`).send({});
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ appointment: { id: appointmentId, status: 'completed' }, details: { reason }, basis: 'grant' });

    const log = await as(gateway, patient).get('/me/access-log');
    // The doctor's list of its own appointments is a disclosure too: logged as the workflow's party. The booking
    // grant ended with the appointment, so only the patient's new grant let the doctor read the reason.
    const entries = pageIn(log).items;
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ accessorId: doctor.principal.stakeholderId, category: 'appointment', recordId: appointmentId, basis: 'grant', grantId: resourceOf(grant).id }),
        expect.objectContaining({ accessorId: doctor.principal.stakeholderId, category: 'appointment', resourceType: 'list', basis: 'party' }),
        expect.objectContaining({ accessorId: doctor.principal.stakeholderId, category: 'appointment', recordId: appointmentId, outcome: 'refused', refusalCode: 'CONSENT_REQUIRED' }),
      ]),
    );
    expect(entries).toHaveLength(3);
    expect(JSON.stringify(gateway.logs.entries())).not.toContain(reason);
  });

  it('when the hospital misses the 72-hour quote deadline, then the patient may cancel, although not before it passes', async () => {
    const patient = await actors.person('patient');
    const hospital = await actors.person('hospital');
    const requested = await as(gateway, patient).post('/hospital-services').send({ hospitalId: hospital.principal.stakeholderId, serviceCode: 'LAB-CBC', details: 'blood count' });
    const path = `/hospital-services/${resourceOf(requested).id}`;

    const tooEarly = await as(gateway, patient).post(`${path}/cancellation`).send({});
    gateway.clock.advance(73 * HOUR);
    const lateQuote = await as(gateway, hospital).post(`${path}/quote`).send({ priceMinor: 1200, currency: 'EUR', validUntil: later(gateway, 24) });
    const cancelled = await as(gateway, patient).post(`${path}/cancellation`).send({});

    expect(codeOf(tooEarly)).toBe('DEADLINE_NOT_REACHED');
    expect(codeOf(lateQuote)).toBe('DEADLINE_PASSED');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: patient.principal.stakeholderId });
  });
});
