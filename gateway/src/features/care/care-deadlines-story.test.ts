import { HOUR } from '../../test-support/manual-clock';
import { as, useGatewayAndActors } from '../../acceptance/test-support/actors';
import { fileIdOf, upload } from '../../acceptance/test-support/uploads';
import { codeOf, pageIn, resourceOf } from '../../test-support/response-body';
import { createLedgerClockGateway, later } from '../../acceptance/test-support/ledger-clock-gateway';

/**
 * Embedded only (jest.config.js): the report-review deadline is days away, crossed by advancing
 * the ledger-clock gateway's manual clock, which the Fabric ledger cannot follow.
 */
describe('report review deadlines over REST', () => {
  const { gateway, actors } = useGatewayAndActors(() => createLedgerClockGateway());

  async function reportedRequest(): Promise<{ path: string; patient: Awaited<ReturnType<typeof actors.person>>; reviewDeadline: string }> {
    const patient = await actors.person('patient');
    const hospital = await actors.organisation('hospital');
    const patientId = patient.principal.stakeholderId;
    const requested = await as(gateway, patient).post('/hospital-services').send({ hospitalId: hospital.principal.stakeholderId, serviceCode: 'LAB-CBC', details: 'blood count' });
    const path = `/hospital-services/${resourceOf(requested).id}`;
    await as(gateway, hospital).post(`${path}/quote`).send({ priceMinor: 1500, currency: 'EUR', validUntil: later(gateway, 48) });
    await as(gateway, patient).post(`${path}/acceptance`).send({});
    const paid = await as(gateway, patient).post(`${path}/payment`).send({ method: 'cash', reference: 'receipt-77' });
    await as(gateway, hospital).post(`${path}/payment-confirmation`).send({});
    const report = await upload(gateway, hospital, { patientId, category: 'lab', fileName: 'cbc.txt', mediaType: 'text/plain', content: 'hb 14', fileId: String(resourceOf(paid).plannedReportFileId) });
    const reported = await as(gateway, hospital).post(`${path}/report`).send({ fileId: fileIdOf(report) });
    expect(reported.status).toBe(200);
    return { path, patient, reviewDeadline: String(resourceOf(reported).reportReviewDeadline) };
  }

  it('when 7 days pass after the report without a review, then the request reads deemed-accepted and accepting or disputing is 409 DEADLINE_PASSED', async () => {
    const { path, patient, reviewDeadline } = await reportedRequest();
    expect(Date.parse(reviewDeadline) - gateway.clock.now().getTime()).toBe(7 * 24 * HOUR);

    gateway.clock.advance(7 * 24 * HOUR);

    expect((await as(gateway, patient).get(path)).body).toMatchObject({ reportReview: 'deemed-accepted' });
    const list = await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/hospital-services?status=reported`);
    expect(pageIn(list).items).toEqual([expect.objectContaining({ reportReview: 'deemed-accepted' })]);
    const accepting = await as(gateway, patient).post(`${path}/report-acceptance`).send({});
    const disputing = await as(gateway, patient).post(`${path}/report-dispute`).send({ reason: 'too late' });
    expect([accepting.status, codeOf(accepting), disputing.status, codeOf(disputing)]).toEqual([409, 'DEADLINE_PASSED', 409, 'DEADLINE_PASSED']);
  });

  it('when the patient accepts just before the deadline, then the review is accepted and stays so after it', async () => {
    const { path, patient } = await reportedRequest();
    gateway.clock.advance(7 * 24 * HOUR - HOUR);

    const accepted = await as(gateway, patient).post(`${path}/report-acceptance`).send({});
    gateway.clock.advance(2 * HOUR);

    expect(accepted.body).toMatchObject({ reportReview: 'accepted' });
    expect((await as(gateway, patient).get(path)).body).toMatchObject({ reportReview: 'accepted', reportReviewedAt: expect.any(String) as string });
  });
});
