import type { LedgerIdentity, TransactionResult } from '@medledger/ledger-sim';
import { SERVICE_DEADLINES, type ServiceRequest } from '../models/service-request';
import { privateState, suspend } from '../test-support/care';
import { createConsentWorld, DAY, eventOf, HOUR, IDS, parsed, refusedWithoutWrite, type ConsentWorld } from '../test-support/consent';
import { accessLogOf, consent, createFile, publicText, SECRET } from '../test-support/records';
import { evaluateJson, T0 } from '../test-support/world';
import * as surface from '../contract';

const T0_ISO = T0.toISOString();
const REPORT = 'fil-report01';
const OTHER_HOSPITAL = 'hos-other001';

interface Page<T> {
  items: T[];
  bookmark: string;
}

type Who = 'patient' | 'hospital' | 'otherPatient' | 'doctor' | 'otherHospital';

describe('HospitalService contract', () => {
  let world: ConsentWorld;
  let otherHospital: LedgerIdentity;

  beforeEach(async () => {
    world = await createConsentWorld();
    otherHospital = await world.actor('hospital', OTHER_HOSPITAL);
  });

  function identity(who: Who): LedgerIdentity {
    return who === 'otherHospital' ? otherHospital : world[who];
  }

  function request(
    who: LedgerIdentity = world.patient,
    hospitalId: string = IDS.hospital,
    serviceCode = 'LAB-CBC',
    transient: Record<string, string> = { service: JSON.stringify({ details: SECRET.serviceDetails }) },
  ): Promise<TransactionResult> {
    return world.ledger.submit(who, 'HospitalService:requestEstimate', [hospitalId, serviceCode], { transient });
  }

  function step(who: Who, fn: string, args: string[]): Promise<TransactionResult> {
    return world.ledger.submit(identity(who), `HospitalService:${fn}`, args);
  }

  async function requested(): Promise<string> {
    return parsed(surface.serviceRequest, await request()).id;
  }

  async function quoted(validForMs = 7 * DAY): Promise<string> {
    const id = await requested();
    await step('hospital', 'quote', [id, '12500', 'EUR', world.at(validForMs)]);
    return id;
  }

  async function accepted(): Promise<string> {
    const id = await quoted();
    await step('patient', 'accept', [id]);
    return id;
  }

  async function paid(): Promise<string> {
    const id = await accepted();
    await step('patient', 'recordPayment', [id, 'online', 'pay-ref-0001']);
    return id;
  }

  async function confirmed(): Promise<string> {
    const id = await paid();
    await step('hospital', 'confirmPayment', [id]);
    return id;
  }

  /** The hospital uploads the lab report through Records under an edit grant. */
  async function report(patientId: string = IDS.patient): Promise<void> {
    await consent(world, IDS.hospital, { actions: ['edit'], scope: { categories: ['lab'] } });
    await createFile(world, world.hospital, REPORT, patientId, 'lab');
  }

  describe('the whole flow', () => {
    it('when every step happens in time, then the request moves from requested to reported with deadlines recorded', async () => {
      const requestResult = await request();
      const id = parsed(surface.serviceRequest, requestResult).id;
      expect(parsed(surface.serviceRequest, requestResult)).toEqual({
        id,
        patientId: IDS.patient,
        hospitalId: IDS.hospital,
        serviceCode: 'LAB-CBC',
        status: 'requested',
        requestedAt: T0_ISO,
        quoteBy: world.at(72 * HOUR),
        updatedAt: T0_ISO,
      });
      expect(eventOf(requestResult)).toEqual({
        name: 'requestEstimate',
        payload: { requestId: id, patientId: IDS.patient, hospitalId: IDS.hospital, status: 'requested', nextDeadline: world.at(72 * HOUR), at: T0_ISO },
      });
      expect(privateState(world, 'serviceRequestDetails', [id])).toEqual({ details: SECRET.serviceDetails });

      world.setTime(world.at(HOUR));
      const validUntil = world.at(7 * DAY);
      const quote = await step('hospital', 'quote', [id, '12500', 'EUR', validUntil]);
      expect(parsed(surface.serviceRequest, quote)).toMatchObject({ status: 'quoted', priceMinor: 12500, currency: 'EUR', acceptBy: validUntil });
      expect(eventOf(quote).payload).toEqual({
        requestId: id,
        patientId: IDS.patient,
        hospitalId: IDS.hospital,
        status: 'quoted',
        nextDeadline: validUntil,
        at: world.now().toISOString(),
      });

      world.setTime(world.at(DAY));
      const accept = parsed(surface.serviceRequest, await step('patient', 'accept', [id]));
      expect(accept).toMatchObject({ status: 'accepted', payBy: world.at(48 * HOUR), priceMinor: 12500 });

      const payment = parsed(surface.serviceRequest, await step('patient', 'recordPayment', [id, 'cash', 'receipt-0042']));
      expect(payment).toMatchObject({ status: 'paid', paymentMethod: 'cash', paymentRef: 'receipt-0042', confirmBy: world.at(48 * HOUR) });

      const confirmation = parsed(surface.serviceRequest, await step('hospital', 'confirmPayment', [id]));
      expect(confirmation).toMatchObject({ status: 'confirmed', reportBy: world.at(14 * DAY) });

      await report();
      const attached = await step('hospital', 'attachReport', [id, REPORT]);
      expect(parsed(surface.serviceRequest, attached)).toMatchObject({ status: 'reported', reportFileId: REPORT, reportedAt: world.now().toISOString() });
      expect(eventOf(attached)).toEqual({
        name: 'attachReport',
        payload: { requestId: id, patientId: IDS.patient, hospitalId: IDS.hospital, status: 'reported', reportFileId: REPORT, reportReview: 'pending', at: world.now().toISOString() },
      });

      const published = publicText(world);
      expect(published).not.toContain(SECRET.serviceDetails);
      for (const event of world.ledger.events()) {
        const payload = new TextDecoder().decode(event.payload);
        expect(payload).not.toContain('LAB-CBC');
        expect(payload).not.toContain('12500');
      }
    });

    it('keeps the deadline durations in one place', () => {
      expect(SERVICE_DEADLINES).toEqual({
        quoteWithinSeconds: 72 * 3600,
        maxQuoteValiditySeconds: 30 * 86400,
        payWithinSeconds: 48 * 3600,
        confirmWithinSeconds: 48 * 3600,
        reportWithinSeconds: 14 * 86400,
        reportReviewWithinSeconds: 7 * 86400,
      });
    });
  });

  describe('requestEstimate', () => {
    it.each<[string, () => Promise<TransactionResult>, string]>([
      ['a doctor (wrong role)', () => request(world.doctor), 'ROLE_FORBIDDEN'],
      ['an unverified hospital', () => request(world.patient, 'hos-pending1'), 'NOT_VERIFIED'],
      ['a doctor as the hospital', () => request(world.patient, IDS.doctor), 'INVALID_ARGUMENT'],
      ['a free-text service code', () => request(world.patient, IDS.hospital, 'blood test please'), 'INVALID_ARGUMENT'],
      ['no details', () => request(world.patient, IDS.hospital, 'LAB-CBC', {}), 'INVALID_ARGUMENT'],
      ['details that are not text', () => request(world.patient, IDS.hospital, 'LAB-CBC', { service: JSON.stringify({ details: 5 }) }), 'INVALID_ARGUMENT'],
    ])('when the request comes from or names %s, then it is refused with %s', async (_label, call, code) => {
      await world.actor('hospital', 'hos-pending1', { verify: false });
      expect(await refusedWithoutWrite(world, call)).toBe(code);
    });

    it('when the hospital is suspended, then a request to it is refused with SUSPENDED', async () => {
      await suspend(world, IDS.hospital);
      expect(await refusedWithoutWrite(world, () => request())).toBe('SUSPENDED');
    });
  });

  describe('quote', () => {
    it('when the hospital quotes after quoteBy, then it is refused with DEADLINE_PASSED', async () => {
      const id = await requested();
      world.setTime(world.at(72 * HOUR));
      expect(await refusedWithoutWrite(world, () => step('hospital', 'quote', [id, '100', 'EUR', world.at(DAY)]))).toBe('DEADLINE_PASSED');
    });

    it.each<[string, Who, string]>([
      ['another hospital', 'otherHospital', 'NOT_OWNER'],
      ['the patient', 'patient', 'ROLE_FORBIDDEN'],
    ])('when %s quotes, then it is refused with %s', async (_label, who, code) => {
      const id = await requested();
      expect(await refusedWithoutWrite(world, () => step(who, 'quote', [id, '100', 'EUR', world.at(DAY)]))).toBe(code);
    });

    it.each<[string, (world: ConsentWorld) => string[]]>([
      ['a zero price', (w) => ['0', 'EUR', w.at(DAY)]],
      ['a fractional price', (w) => ['10.5', 'EUR', w.at(DAY)]],
      ['a lowercase currency', (w) => ['100', 'eur', w.at(DAY)]],
      ['a validity in the past', (w) => ['100', 'EUR', w.at(-HOUR)]],
      ['a validity over 30 days', (w) => ['100', 'EUR', w.at(31 * DAY)]],
      ['a malformed validity', () => ['100', 'EUR', 'next week']],
    ])('when the quote has %s, then it is refused with INVALID_ARGUMENT', async (_label, args) => {
      const id = await requested();
      expect(await refusedWithoutWrite(world, () => step('hospital', 'quote', [id, ...args(world)]))).toBe('INVALID_ARGUMENT');
    });

    it('when the request is already quoted, then a second quote is refused with INVALID_STATE', async () => {
      const id = await quoted();
      expect(await refusedWithoutWrite(world, () => step('hospital', 'quote', [id, '100', 'EUR', world.at(DAY)]))).toBe('INVALID_STATE');
    });
  });

  describe('accept and pay', () => {
    it('when the patient accepts after the quote expired, then it is refused with DEADLINE_PASSED (the price lock ended)', async () => {
      const id = await quoted(DAY);
      world.setTime(world.at(DAY));
      expect(await refusedWithoutWrite(world, () => step('patient', 'accept', [id]))).toBe('DEADLINE_PASSED');
    });

    it('when the request has no quote yet, then accepting is refused with INVALID_STATE', async () => {
      const id = await requested();
      expect(await refusedWithoutWrite(world, () => step('patient', 'accept', [id]))).toBe('INVALID_STATE');
    });

    it('when another patient accepts or pays, then it is refused with NOT_OWNER', async () => {
      const id = await quoted();
      expect(await refusedWithoutWrite(world, () => step('otherPatient', 'accept', [id]))).toBe('NOT_OWNER');
      await step('patient', 'accept', [id]);
      expect(await refusedWithoutWrite(world, () => step('otherPatient', 'recordPayment', [id, 'online', 'pay-1234']))).toBe('NOT_OWNER');
    });

    it('when the patient pays after payBy, then it is refused with DEADLINE_PASSED', async () => {
      const id = await accepted();
      world.setTime(world.at(48 * HOUR));
      expect(await refusedWithoutWrite(world, () => step('patient', 'recordPayment', [id, 'online', 'pay-1234']))).toBe('DEADLINE_PASSED');
    });

    it.each<[string, string[]]>([
      ['an unknown method', ['card', 'pay-1234']],
      ['a reference with spaces', ['online', 'pay ref']],
    ])('when the payment has %s, then it is refused with INVALID_ARGUMENT', async (_label, args) => {
      const id = await accepted();
      expect(await refusedWithoutWrite(world, () => step('patient', 'recordPayment', [id, ...args]))).toBe('INVALID_ARGUMENT');
    });

    it('when the patient pays before accepting, then it is refused with INVALID_STATE', async () => {
      const id = await quoted();
      expect(await refusedWithoutWrite(world, () => step('patient', 'recordPayment', [id, 'online', 'pay-1234']))).toBe('INVALID_STATE');
    });
  });

  describe('confirmPayment and attachReport', () => {
    it('when the hospital confirms late, then it is still accepted because money has moved and nobody cancelled', async () => {
      const id = await paid();
      world.setTime(world.at(3 * DAY));
      expect(parsed(surface.serviceRequest, await step('hospital', 'confirmPayment', [id])).status).toBe('confirmed');
    });

    it('when the patient confirms the payment, then it is refused with ROLE_FORBIDDEN; before payment with INVALID_STATE', async () => {
      const id = await accepted();
      expect(await refusedWithoutWrite(world, () => step('hospital', 'confirmPayment', [id]))).toBe('INVALID_STATE');
      await step('patient', 'recordPayment', [id, 'online', 'pay-1234']);
      expect(await refusedWithoutWrite(world, () => step('patient', 'confirmPayment', [id]))).toBe('ROLE_FORBIDDEN');
    });

    it('when the report belongs to another patient, then attaching it is refused with NOT_OWNER', async () => {
      const id = await confirmed();
      await createFile(world, world.otherPatient, 'fil-oscar001', IDS.otherPatient, 'lab');
      expect(await refusedWithoutWrite(world, () => step('hospital', 'attachReport', [id, 'fil-oscar001']))).toBe('NOT_OWNER');
    });

    it('when the report does not exist or was erased, then attaching is refused with NOT_FOUND or INVALID_STATE', async () => {
      const id = await confirmed();
      expect(await refusedWithoutWrite(world, () => step('hospital', 'attachReport', [id, REPORT]))).toBe('NOT_FOUND');
      await report();
      await world.ledger.submit(world.patient, 'Records:erasePrivateData', [REPORT]);
      expect(await refusedWithoutWrite(world, () => step('hospital', 'attachReport', [id, REPORT]))).toBe('INVALID_STATE');
    });

    it('when the payment is not confirmed yet, then attaching is refused with INVALID_STATE; another hospital with NOT_OWNER', async () => {
      const id = await paid();
      await report();
      expect(await refusedWithoutWrite(world, () => step('hospital', 'attachReport', [id, REPORT]))).toBe('INVALID_STATE');
      expect(await refusedWithoutWrite(world, () => step('otherHospital', 'attachReport', [id, REPORT]))).toBe('NOT_OWNER');
    });
  });

  describe('cancel', () => {
    it('when the patient cancels while the hospital still has time to quote, then DEADLINE_NOT_REACHED; after quoteBy it is cancelled', async () => {
      const id = await requested();
      expect(await refusedWithoutWrite(world, () => step('patient', 'cancel', [id]))).toBe('DEADLINE_NOT_REACHED');
      world.setTime(world.at(72 * HOUR));
      const result = await step('patient', 'cancel', [id]);
      expect(parsed(surface.serviceRequest, result)).toMatchObject({ status: 'cancelled', cancelledBy: IDS.patient, cancelledAt: world.now().toISOString() });
      expect(eventOf(result)).toEqual({
        name: 'cancel',
        payload: { requestId: id, patientId: IDS.patient, hospitalId: IDS.hospital, status: 'cancelled', at: world.now().toISOString() },
      });
    });

    it('when the hospital declines to quote, then it may cancel at once (it owes the step)', async () => {
      const id = await requested();
      expect(parsed(surface.serviceRequest, await step('hospital', 'cancel', [id])).cancelledBy).toBe(IDS.hospital);
    });

    it('when a quote is open, then the patient may cancel at once and the hospital only after validUntil', async () => {
      const first = await quoted(DAY);
      expect(await refusedWithoutWrite(world, () => step('hospital', 'cancel', [first]))).toBe('DEADLINE_NOT_REACHED');
      expect(parsed(surface.serviceRequest, await step('patient', 'cancel', [first])).status).toBe('cancelled');
      const second = await quoted(DAY);
      world.setTime(world.at(DAY));
      expect(parsed(surface.serviceRequest, await step('hospital', 'cancel', [second])).status).toBe('cancelled');
    });

    it('when the patient does not pay by payBy, then the hospital may cancel, not before', async () => {
      const id = await accepted();
      expect(await refusedWithoutWrite(world, () => step('hospital', 'cancel', [id]))).toBe('DEADLINE_NOT_REACHED');
      world.setTime(world.at(48 * HOUR));
      expect(parsed(surface.serviceRequest, await step('hospital', 'cancel', [id])).cancelledBy).toBe(IDS.hospital);
    });

    it('when the hospital does not confirm the payment by confirmBy, then the patient may cancel, not before', async () => {
      const id = await paid();
      expect(await refusedWithoutWrite(world, () => step('patient', 'cancel', [id]))).toBe('DEADLINE_NOT_REACHED');
      world.setTime(world.at(48 * HOUR));
      expect(parsed(surface.serviceRequest, await step('patient', 'cancel', [id])).cancelledBy).toBe(IDS.patient);
    });

    it('when the report is not attached by reportBy, then the patient may cancel, not before', async () => {
      const id = await confirmed();
      world.setTime(world.at(13 * DAY));
      expect(await refusedWithoutWrite(world, () => step('patient', 'cancel', [id]))).toBe('DEADLINE_NOT_REACHED');
      world.setTime(world.at(DAY));
      expect(parsed(surface.serviceRequest, await step('patient', 'cancel', [id])).status).toBe('cancelled');
    });

    it('when the request is reported or cancelled, then cancel is refused with INVALID_STATE; a stranger with NOT_OWNER', async () => {
      const id = await requested();
      expect(await refusedWithoutWrite(world, () => step('otherHospital', 'cancel', [id]))).toBe('NOT_OWNER');
      expect(await refusedWithoutWrite(world, () => step('otherPatient', 'cancel', [id]))).toBe('NOT_OWNER');
      expect(await refusedWithoutWrite(world, () => step('doctor', 'cancel', [id]))).toBe('ROLE_FORBIDDEN');
      await step('hospital', 'cancel', [id]);
      expect(await refusedWithoutWrite(world, () => step('patient', 'cancel', [id]))).toBe('INVALID_STATE');
    });
  });

  describe('reads', () => {
    it('when a party reads the request, then it gets the public record without details; a stranger is refused with NOT_OWNER', async () => {
      const id = await requested();
      const record = await evaluateJson<ServiceRequest>(world, world.hospital, 'HospitalService:get', [id]);
      expect(record.status).toBe('requested');
      expect(JSON.stringify(record)).not.toContain(SECRET.serviceDetails);
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(otherHospital, 'HospitalService:get', [id]))).toBe('NOT_OWNER');
    });

    it('when the hospital holds a grant for the request, then it reads the details and the read is logged; without one it is refused', async () => {
      const id = await requested();
      expect(await refusedWithoutWrite(world, () => step('hospital', 'accessDetails', [id]))).toBe('CONSENT_REQUIRED');
      await consent(world, IDS.hospital, { actions: ['view'], scope: { recordIds: [id] } });

      const result = await step('hospital', 'accessDetails', [id]);

      expect(parsed(surface.serviceRequestWithDetails, result)).toMatchObject({ details: { details: SECRET.serviceDetails }, basis: 'grant' });
      expect(eventOf(result)).toEqual({
        name: 'accessDetails',
        payload: { requestId: id, patientId: IDS.patient, accessorId: IDS.hospital, basis: 'grant', at: T0_ISO },
      });
      expect(await accessLogOf(world, world.patient)).toEqual([
        expect.objectContaining({ accessorId: IDS.hospital, category: 'billing', resourceType: 'service-request', resourceId: id }),
      ]);
    });

    it('when listing, then the patient and the hospital see the requests, filtered by status', async () => {
      const first = await requested();
      world.setTime(world.at(HOUR));
      const second = await quoted();
      world.setTime(world.at(HOUR));
      await world.ledger.submit(world.patient, 'HospitalService:requestEstimate', [OTHER_HOSPITAL, 'IMG.MRI-2'], {
        transient: { service: JSON.stringify({ details: 'x' }) },
      });

      const mine = await evaluateJson<Page<ServiceRequest>>(world, world.patient, 'HospitalService:listByPatient', [IDS.patient, '', '10', '']);
      const quotedOnly = await evaluateJson<Page<ServiceRequest>>(world, world.hospital, 'HospitalService:listByHospital', ['quoted', '10', '']);
      const hospitals = await evaluateJson<Page<ServiceRequest>>(world, world.hospital, 'HospitalService:listByHospital', ['', '10', '']);

      expect(mine.items).toHaveLength(3);
      expect(mine.items.slice(0, 2).map((item) => item.id)).toEqual([first, second]);
      expect(quotedOnly.items.map((item) => item.id)).toEqual([second]);
      expect(hospitals.items.map((item) => item.id)).toEqual([first, second]);
      expect(
        await refusedWithoutWrite(world, () => world.ledger.evaluate(world.hospital, 'HospitalService:listByPatient', [IDS.patient, '', '10', ''])),
      ).toBe('CONSENT_REQUIRED');
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.hospital, 'HospitalService:listByHospital', ['paying', '10', '']))).toBe(
        'INVALID_ARGUMENT',
      );
    });
  });
});
