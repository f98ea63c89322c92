import type { LedgerIdentity, TransactionResult } from '@medledger/ledger-sim';
import * as surface from '../contract';
import { privateState, suspend } from '../test-support/care';
import { createConsentWorld, DAY, eventOf, IDS, parsed, refusedWithoutWrite, type ConsentWorld } from '../test-support/consent';
import { accessLogOf, consent, createFile, publicText } from '../test-support/records';
import { evaluateJson } from '../test-support/world';

/**
 * The care flows added to HospitalService: a hospital's price list, a doctor's referral the
 * patient accepts or declines, and the patient's review of an attached report before its deadline.
 */

const REASON = 'suspected meniscus tear after a fall, swelling for two weeks';
const DISPUTE = 'the report names the right knee; the scan was of the left';
const REPORT = 'fil-review01';
const OTHER_HOSPITAL = 'hos-other001';
const ITEMS = [
  { code: 'LAB-CBC', name: 'Complete blood count', price: 1500, currency: 'EUR' },
  { code: 'IMG-MRI-KNEE', name: 'MRI of one knee', price: 45000, currency: 'EUR' },
];

describe('HospitalService care flows', () => {
  let world: ConsentWorld;
  let otherHospital: LedgerIdentity;

  beforeEach(async () => {
    world = await createConsentWorld();
    otherHospital = await world.actor('hospital', OTHER_HOSPITAL);
  });

  const submit = (who: LedgerIdentity, fn: string, args: string[], transient: Record<string, unknown> = {}): Promise<TransactionResult> =>
    world.ledger.submit(who, `HospitalService:${fn}`, args, { transient: Object.fromEntries(Object.entries(transient).map(([key, value]) => [key, JSON.stringify(value)])) });
  const request = (result: TransactionResult) => parsed(surface.serviceRequest, result);
  const setPriceList = (who: LedgerIdentity, items: unknown) => submit(who, 'setPriceList', [JSON.stringify(items)]);
  const referralGrant = () => consent(world, IDS.doctor, { actions: ['edit'], scope: { categories: ['billing'] } });
  const refer = (who: LedgerIdentity = world.doctor, patientId: string = IDS.patient, hospitalId: string = IDS.hospital, code = 'IMG-MRI-KNEE') =>
    submit(who, 'refer', [patientId, hospitalId, code], { service: { details: REASON } });

  async function referred(): Promise<string> {
    await referralGrant();
    return request(await refer()).id;
  }

  /** A referral accepted and carried through to an attached report. */
  async function reported(): Promise<string> {
    const id = await referred();
    await submit(world.patient, 'acceptReferral', [id]);
    await submit(world.hospital, 'quote', [id, '45000', 'EUR', world.at(7 * DAY)]);
    await submit(world.patient, 'accept', [id]);
    await submit(world.patient, 'recordPayment', [id, 'online', 'pay-review-01']);
    await submit(world.hospital, 'confirmPayment', [id]);
    await consent(world, IDS.hospital, { actions: ['edit'], scope: { categories: ['imaging'] } });
    await createFile(world, world.hospital, REPORT, IDS.patient, 'imaging');
    await submit(world.hospital, 'attachReport', [id, REPORT]);
    return id;
  }

  describe('price lists', () => {
    it('when a hospital publishes its price list, then anyone registered reads it back, and publishing again replaces it whole', async () => {
      const first = parsed(surface.priceList, await setPriceList(world.hospital, ITEMS));
      expect(first).toEqual({ hospitalId: IDS.hospital, items: ITEMS, updatedAt: world.now().toISOString() });
      expect(await evaluateJson(world, world.patient, 'HospitalService:getPriceList', [IDS.hospital])).toEqual(first);

      world.setTime(world.at(DAY));
      await setPriceList(world.hospital, [ITEMS[0]]);
      expect(await evaluateJson(world, world.doctor, 'HospitalService:getPriceList', [IDS.hospital])).toEqual({ hospitalId: IDS.hospital, items: [ITEMS[0]], updatedAt: world.now().toISOString() });
    });

    it.each<[string, unknown]>([
      ['not a list', { items: ITEMS }],
      ['a lowercase code', [{ ...ITEMS[0], code: 'lab-cbc' }]],
      ['a code of 21 characters', [{ ...ITEMS[0], code: 'A'.repeat(21) }]],
      ['a blank name', [{ ...ITEMS[0], name: '   ' }]],
      ['a name of 121 characters', [{ ...ITEMS[0], name: 'n'.repeat(121) }]],
      ['a negative price', [{ ...ITEMS[0], price: -1 }]],
      ['a fractional price', [{ ...ITEMS[0], price: 10.5 }]],
      ['a price given as text', [{ ...ITEMS[0], price: '1500' }]],
      ['a currency that is not ISO 4217', [{ ...ITEMS[0], currency: 'euro' }]],
      ['an unknown field', [{ ...ITEMS[0], vat: 20 }]],
      ['a repeated code', [ITEMS[0], { ...ITEMS[1], code: 'LAB-CBC' }]],
      ['201 items', Array.from({ length: 201 }, (_item, index) => ({ ...ITEMS[0], code: `C-${String(index)}` }))],
    ])('when the list has %s, then it is refused with INVALID_ARGUMENT and nothing is written', async (_label, items) => {
      expect(await refusedWithoutWrite(world, () => setPriceList(world.hospital, items))).toBe('INVALID_ARGUMENT');
    });

    it('when a free service (price 0) and 200 items are published, then both are accepted', async () => {
      const items = Array.from({ length: 200 }, (_item, index) => ({ code: `C-${String(index)}`, name: `Service ${String(index)}`, price: index, currency: 'EUR' }));
      expect(parsed(surface.priceList, await setPriceList(world.hospital, items)).items).toHaveLength(200);
    });

    it('when a doctor, or a suspended hospital, publishes a list, then it is refused; a hospital without a list reads NOT_FOUND', async () => {
      expect(await refusedWithoutWrite(world, () => setPriceList(world.doctor, ITEMS))).toBe('ROLE_FORBIDDEN');
      await suspend(world, OTHER_HOSPITAL);
      expect(await refusedWithoutWrite(world, () => setPriceList(otherHospital, ITEMS))).toBe('SUSPENDED');
      await expect(evaluateJson(world, world.patient, 'HospitalService:getPriceList', [OTHER_HOSPITAL])).rejects.toThrow(/^NOT_FOUND/);
    });

    it('when the hospital has a price list, then an estimate or a referral must name a code on it', async () => {
      await setPriceList(world.hospital, ITEMS);
      await referralGrant();
      const estimate = () => submit(world.patient, 'requestEstimate', [IDS.hospital, 'LAB-OTHER'], { service: { details: 'x' } });
      expect(await refusedWithoutWrite(world, estimate)).toBe('INVALID_ARGUMENT');
      expect(await refusedWithoutWrite(world, () => refer(world.doctor, IDS.patient, IDS.hospital, 'LAB-OTHER'))).toBe('INVALID_ARGUMENT');
      expect(request(await refer()).serviceCode).toBe('IMG-MRI-KNEE');
    });
  });

  describe('referrals', () => {
    it('when a doctor with the patient’s edit grant on billing refers, then the request is referred, its reason private, the hospital does not see it, and the doctor lists it', async () => {
      await referralGrant();
      const result = await refer();
      const referral = request(result);

      expect(referral).toEqual({
        id: referral.id,
        patientId: IDS.patient,
        hospitalId: IDS.hospital,
        serviceCode: 'IMG-MRI-KNEE',
        status: 'referred',
        requestedAt: world.now().toISOString(),
        referredBy: IDS.doctor,
        updatedAt: world.now().toISOString(),
      });
      expect(eventOf(result)).toEqual({ name: 'refer', payload: { requestId: referral.id, patientId: IDS.patient, referredBy: IDS.doctor, status: 'referred', at: world.now().toISOString() } });
      expect(privateState(world, 'serviceRequestDetails', [referral.id])).toEqual({ details: REASON });
      expect(publicText(world)).not.toContain(REASON);
      expect(await accessLogOf(world, world.patient)).toContainEqual(expect.objectContaining({ accessorId: IDS.doctor, action: 'edit', category: 'billing', resourceId: referral.id, basis: 'grant' }));

      const hospitalList = await evaluateJson<{ items: unknown[] }>(world, world.hospital, 'HospitalService:listByHospital', ['', '10', '']);
      expect(hospitalList.items).toEqual([]);
      expect(await refusedWithoutWrite(world, () => submit(world.hospital, 'get', [referral.id]))).toBe('NOT_OWNER');
      expect(await refusedWithoutWrite(world, () => submit(world.hospital, 'quote', [referral.id, '100', 'EUR', world.at(DAY)]))).toBe('NOT_OWNER');
      const doctorList = await evaluateJson<{ items: surface.ServiceRequest[] }>(world, world.doctor, 'HospitalService:listByReferrer', ['referred', '10', '']);
      expect(doctorList.items.map((item) => item.id)).toEqual([referral.id]);
      const doctorRead = parsed(surface.serviceRequestWithDetails, await submit(world.doctor, 'accessDetails', [referral.id]));
      expect(doctorRead).toMatchObject({ details: { details: REASON }, basis: 'party' });
    });

    it.each<[string, () => Promise<TransactionResult>, string]>([
      ['a doctor without the patient’s grant', () => refer(), 'CONSENT_REQUIRED'],
      ['a patient (wrong role)', () => refer(world.patient), 'ROLE_FORBIDDEN'],
      ['a doctor to a doctor', () => refer(world.doctor, IDS.patient, IDS.otherDoctor), 'INVALID_ARGUMENT'],
      ['a malformed service code', () => refer(world.doctor, IDS.patient, IDS.hospital, 'knee scan'), 'INVALID_ARGUMENT'],
      ['no reason', () => submit(world.doctor, 'refer', [IDS.patient, IDS.hospital, ''], {}), 'INVALID_ARGUMENT'],
    ])('when the referral comes from or names %s, then it is refused with %s and nothing is written', async (_label, call, code) => {
      expect(await refusedWithoutWrite(world, call)).toBe(code);
    });

    it('when the doctor’s grant covers only viewing, another category or has been revoked, then the referral is refused with CONSENT_REQUIRED', async () => {
      await consent(world, IDS.doctor, { actions: ['view'], scope: { categories: ['billing'] } });
      await consent(world, IDS.doctor, { actions: ['edit'], scope: { categories: ['lab'] } });
      expect(await refusedWithoutWrite(world, () => refer())).toBe('CONSENT_REQUIRED');
      const grantId = await referralGrant();
      await world.ledger.submit(world.patient, 'Consent:revoke', [grantId]);
      expect(await refusedWithoutWrite(world, () => refer())).toBe('CONSENT_REQUIRED');
    });

    it('when the hospital is suspended, then a referral to it is refused with SUSPENDED', async () => {
      await referralGrant();
      await suspend(world, IDS.hospital);
      expect(await refusedWithoutWrite(world, () => refer())).toBe('SUSPENDED');
    });

    it('when the patient accepts, then the request is requested with quoteBy, the hospital lists it and may read the reason under the workflow grant, which ends with the request', async () => {
      const id = await referred();
      const accepted = request(await submit(world.patient, 'acceptReferral', [id]));

      expect(accepted).toMatchObject({ status: 'requested', referralAnsweredAt: world.now().toISOString(), quoteBy: world.at(3 * DAY), referralGrantId: expect.stringMatching(/^grant-/) as string });
      const hospitalList = await evaluateJson<{ items: surface.ServiceRequest[] }>(world, world.hospital, 'HospitalService:listByHospital', ['requested', '10', '']);
      expect(hospitalList.items.map((item) => item.id)).toEqual([id]);
      const read = parsed(surface.serviceRequestWithDetails, await submit(world.hospital, 'accessDetails', [id]));
      expect(read).toMatchObject({ details: { details: REASON }, basis: 'grant' });
      expect(await refusedWithoutWrite(world, () => submit(otherHospital, 'accessDetails', [id]))).toBe('CONSENT_REQUIRED');

      await submit(world.hospital, 'cancel', [id]);
      expect(await refusedWithoutWrite(world, () => submit(world.hospital, 'accessDetails', [id]))).toBe('CONSENT_REQUIRED');
    });

    it('when the patient declines, then the request is declined, and it can be answered only once and only by the patient', async () => {
      const id = await referred();
      expect(await refusedWithoutWrite(world, () => submit(world.otherPatient, 'declineReferral', [id]))).toBe('NOT_OWNER');
      expect(await refusedWithoutWrite(world, () => submit(world.doctor, 'acceptReferral', [id]))).toBe('ROLE_FORBIDDEN');
      expect(await refusedWithoutWrite(world, () => submit(world.hospital, 'acceptReferral', [id]))).toBe('ROLE_FORBIDDEN');

      expect(request(await submit(world.patient, 'declineReferral', [id]))).toMatchObject({ status: 'declined', referralAnsweredAt: world.now().toISOString() });

      expect(await refusedWithoutWrite(world, () => submit(world.patient, 'acceptReferral', [id]))).toBe('INVALID_STATE');
      expect(await refusedWithoutWrite(world, () => submit(world.hospital, 'get', [id]))).toBe('NOT_OWNER');
      const hospitalList = await evaluateJson<{ items: unknown[] }>(world, world.hospital, 'HospitalService:listByHospital', ['', '10', '']);
      expect(hospitalList.items).toEqual([]);
    });

    it('when a patient’s own estimate request is answered as a referral, then it is refused with INVALID_STATE', async () => {
      const id = request(await submit(world.patient, 'requestEstimate', [IDS.hospital, 'LAB-CBC'], { service: { details: 'x' } })).id;
      expect(await refusedWithoutWrite(world, () => submit(world.patient, 'acceptReferral', [id]))).toBe('INVALID_STATE');
    });
  });

  describe('report review', () => {
    it('when a report is attached, then its review is pending until reportReviewDeadline, 7 days after the attach', async () => {
      const id = await reported();
      const view = await evaluateJson<surface.ServiceRequest>(world, world.patient, 'HospitalService:get', [id]);
      expect(view).toMatchObject({ status: 'reported', reportReview: 'pending', reportReviewDeadline: world.at(7 * DAY) });
    });

    it('when the patient accepts the report in time, then the review is accepted and cannot be changed', async () => {
      const id = await reported();
      world.setTime(world.at(7 * DAY - 1000));
      expect(request(await submit(world.patient, 'acceptReport', [id]))).toMatchObject({ reportReview: 'accepted', reportReviewedAt: world.now().toISOString() });
      expect(await refusedWithoutWrite(world, () => submit(world.patient, 'disputeReport', [id], { dispute: { reason: DISPUTE } }))).toBe('INVALID_STATE');
      expect(await refusedWithoutWrite(world, () => submit(world.patient, 'acceptReport', [id]))).toBe('INVALID_STATE');
    });

    it('when the patient disputes, then the reason is private, the hospital sees the dispute in its list and reads the reason as a party, logged', async () => {
      const id = await reported();
      const disputed = request(await submit(world.patient, 'disputeReport', [id], { dispute: { reason: DISPUTE } }));

      expect(disputed).toMatchObject({ reportReview: 'disputed' });
      expect(privateState(world, 'serviceReportDispute', [id])).toEqual({ reason: DISPUTE });
      expect(publicText(world)).not.toContain(DISPUTE);
      const queue = await evaluateJson<{ items: surface.ServiceRequest[] }>(world, world.hospital, 'HospitalService:listByHospital', ['reported', '10', '']);
      expect(queue.items).toEqual([expect.objectContaining({ id, reportReview: 'disputed' })]);
      const read = parsed(surface.serviceRequestWithDispute, await submit(world.hospital, 'accessDispute', [id]));
      expect(read).toMatchObject({ dispute: { reason: DISPUTE }, basis: 'party' });
      expect(await accessLogOf(world, world.patient)).toContainEqual(expect.objectContaining({ accessorId: IDS.hospital, resourceType: 'service-report-dispute', resourceId: id, basis: 'party' }));
      expect(await refusedWithoutWrite(world, () => submit(otherHospital, 'accessDispute', [id]))).toBe('CONSENT_REQUIRED');
      expect(await refusedWithoutWrite(world, () => submit(world.patient, 'acceptReport', [id]))).toBe('INVALID_STATE');
    });

    it('when the deadline has passed unreviewed, then the request reads deemed-accepted and both reviews are refused with DEADLINE_PASSED', async () => {
      const id = await reported();
      world.setTime(world.at(7 * DAY));

      expect(await evaluateJson(world, world.patient, 'HospitalService:get', [id])).toMatchObject({ reportReview: 'deemed-accepted' });
      const list = await evaluateJson<{ items: surface.ServiceRequest[] }>(world, world.patient, 'HospitalService:listByPatient', [IDS.patient, 'reported', '10', '']);
      expect(list.items).toEqual([expect.objectContaining({ id, reportReview: 'deemed-accepted' })]);
      expect(await refusedWithoutWrite(world, () => submit(world.patient, 'acceptReport', [id]))).toBe('DEADLINE_PASSED');
      expect(await refusedWithoutWrite(world, () => submit(world.patient, 'disputeReport', [id], { dispute: { reason: DISPUTE } }))).toBe('DEADLINE_PASSED');
    });

    it.each<[string, string, () => Promise<string>, (id: string) => Promise<TransactionResult>]>([
      ['the hospital reviews', 'ROLE_FORBIDDEN', reportedId, (id) => submit(world.hospital, 'acceptReport', [id])],
      ['another patient reviews', 'NOT_OWNER', reportedId, (id) => submit(world.otherPatient, 'disputeReport', [id], { dispute: { reason: DISPUTE } })],
      ['the dispute has no reason', 'INVALID_ARGUMENT', reportedId, (id) => submit(world.patient, 'disputeReport', [id], { dispute: { reason: '  ' } })],
      ['the dispute reason is not in the transient map', 'INVALID_ARGUMENT', reportedId, (id) => submit(world.patient, 'disputeReport', [id])],
      ['the request has no report yet', 'INVALID_STATE', referredId, (id) => submit(world.patient, 'acceptReport', [id])],
      ['nothing is disputed and the hospital reads the dispute', 'INVALID_STATE', reportedId, (id) => submit(world.hospital, 'accessDispute', [id])],
    ])('when %s, then it is refused with %s and nothing is written', async (_label, code, arrange, call) => {
      const id = await arrange();
      expect(await refusedWithoutWrite(world, () => call(id))).toBe(code);
    });

    function reportedId(): Promise<string> {
      return reported();
    }
    function referredId(): Promise<string> {
      return referred();
    }
  });
});
