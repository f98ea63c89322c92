import type { MedicineOrder } from '../models/medicine-order';
import { advanceDays, daysFromNow, eventPayload, suspend } from '../test-support/care';
import { refusedWithoutWrite } from '../test-support/consent';
import { accepted, dispensed, DOCTOR, issue, PATIENT, PHARMACY, placedOrder, placeOrder, prescriptionOnLedger, rxWorld, worldWithPlacedOrder, worldWithPrescription, type OrderOptions } from '../test-support/prescriptions';
import { refusalCode } from '../test-support/world';

describe('Prescription:placeOrder', () => {
  it('when the patient orders without any prior consent, then the order is placed with the grant it created as its basis', async () => {
    const rx = await worldWithPrescription();

    const result = await rx.world.ledger.submit(rx.patient, 'Prescription:placeOrder', ['ord-0001', 'rx-0001', PHARMACY, '20', 'cash-on-delivery']);

    const order = JSON.parse(result.payload) as MedicineOrder;
    expect(order).toMatchObject({
      id: 'ord-0001',
      prescriptionId: 'rx-0001',
      patientId: PATIENT,
      pharmacyId: PHARMACY,
      quantity: 20,
      paymentMethod: 'cash-on-delivery',
      status: 'placed',
      consentBasis: 'grant',
      consentGrantId: expect.stringMatching(/^grant-[0-9a-f]{24}$/) as string,
    });
    expect(prescriptionOnLedger(rx)?.remaining).toBe(30);
    expect(result.event?.eventName).toBe('placeOrder');
    expect(eventPayload(result)).toEqual({
      orderId: 'ord-0001',
      prescriptionId: 'rx-0001',
      patientId: PATIENT,
      pharmacyId: PHARMACY,
      status: 'placed',
      at: rx.world.now().toISOString(),
    });
  });

  it('when no order ID is given, then one is derived from the transaction ID', async () => {
    const rx = await rxWorld();

    const order = await placedOrder(rx, {}, { id: '' });

    expect(order.id).toMatch(/^ord-[0-9a-f]{24}$/);
  });

  it('when the pharmacy is unverified, suspended or not a pharmacy, then the order is refused and nothing is written', async () => {
    const rx = await worldWithPrescription();
    await rx.world.actor('pharmacy', 'pha-newbie1', { verify: false });
    await suspend(rx.world, PHARMACY);

    expect(await refusedWithoutWrite(rx.world, () => placeOrder(rx, { pharmacyId: 'pha-newbie1' }))).toBe('NOT_VERIFIED');
    expect(await refusedWithoutWrite(rx.world, () => placeOrder(rx))).toBe('SUSPENDED');
    expect(await refusalCode(placeOrder(rx, { pharmacyId: DOCTOR }))).toBe('INVALID_ARGUMENT');
    expect(await refusalCode(placeOrder(rx, { pharmacyId: 'pha-ghost01' }))).toBe('NOT_FOUND');
  });

  it('when the patient ordering is suspended, then the order is refused', async () => {
    const rx = await worldWithPrescription();
    await suspend(rx.world, PATIENT);

    expect(await refusalCode(placeOrder(rx))).toBe('SUSPENDED');
  });

  it('when someone other than the prescription\'s patient orders, then it is refused and no grant is written', async () => {
    const rx = await worldWithPrescription();
    const mallory = await rx.world.actor('patient', 'pat-mallory');

    expect(await refusedWithoutWrite(rx.world, () => placeOrder(rx, { by: mallory }))).toBe('NOT_OWNER');
    expect(await refusalCode(placeOrder(rx, { by: rx.doctor }))).toBe('ROLE_FORBIDDEN');
  });

  it('when the quantity exceeds one fill or what remains, then the order is refused', async () => {
    const rx = await rxWorld();
    await issue(rx, { total: 10, refills: 1 });

    expect(await refusalCode(placeOrder(rx, { quantity: 11 }))).toBe('QUANTITY_EXCEEDED');
    await placeOrder(rx, { quantity: 10 });
    await accepted(rx);
    await dispensed(rx);
    await placeOrder(rx, { id: 'ord-0002', quantity: 4 });
    await accepted(rx, 'ord-0002');
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0002']);

    expect(await refusalCode(placeOrder(rx, { id: 'ord-0003', quantity: 7 }))).toBe('QUANTITY_EXCEEDED');
    expect((await placeOrder(rx, { id: 'ord-0003', quantity: 6 })).status).toBe('placed');
  });

  it('when the prescription has expired, then the order is refused', async () => {
    const rx = await rxWorld();
    await issue(rx, { validUntil: daysFromNow(rx.world, 5) });
    advanceDays(rx.world, 6);

    expect(await refusalCode(placeOrder(rx))).toBe('DEADLINE_PASSED');
  });

  it('when the order ID is taken, then the second order is refused', async () => {
    const rx = await worldWithPlacedOrder({}, { quantity: 5 });

    expect(await refusalCode(placeOrder(rx, { quantity: 5 }))).toBe('ALREADY_EXISTS');
  });

  it.each<[string, OrderOptions]>([
    ['a zero quantity', { quantity: 0 }],
    ['an unknown payment method', { paymentMethod: 'barter' }],
    ['a malformed pharmacy ID', { pharmacyId: 'Carol Pharmacy' }],
    ['a malformed order ID', { id: '#1' }],
  ])('when ordering with %s, then the input is refused', async (_label, options) => {
    const rx = await worldWithPrescription();

    expect(await refusalCode(placeOrder(rx, options))).toBe('INVALID_ARGUMENT');
  });

  it('when the prescription does not exist, then the order is refused', async () => {
    const rx = await rxWorld();

    expect(await refusalCode(placeOrder(rx, { prescriptionId: 'rx-9999' }))).toBe('NOT_FOUND');
  });
});
