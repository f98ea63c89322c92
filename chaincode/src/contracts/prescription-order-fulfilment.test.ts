import type { MedicineOrder } from '../models/medicine-order';
import { advanceDays, daysFromNow, eventPayload, expectStepTaken, ledgerMark, suspend } from '../test-support/care';
import { accepted, acceptedByTwoPharmacies, acceptedOrder, dispensed, OTHER_PHARMACY, PHARMACY, placeOrder, prescriptionOnLedger, rxWorld, stepRefusal, worldWithAcceptedOrder, worldWithPlacedOrder } from '../test-support/prescriptions';
import { evaluateJson, refusalCode } from '../test-support/world';

describe('Prescription:acceptOrder / rejectOrder / cancelOrder', () => {
  it('when the pharmacy accepts a placed order, then it is accepted', async () => {
    const rx = await worldWithPlacedOrder();

    const result = await rx.world.ledger.submit(rx.pharmacy, 'Prescription:acceptOrder', ['ord-0001']);

    expectStepTaken(rx.world, result, 'acceptOrder', 'accepted');
    expect(eventPayload(result)).toMatchObject({ orderId: 'ord-0001', status: 'accepted' });
  });

  it('when the pharmacy rejects a placed order, then it is rejected and can no longer be accepted', async () => {
    const rx = await worldWithPlacedOrder();

    const result = await rx.world.ledger.submit(rx.pharmacy, 'Prescription:rejectOrder', ['ord-0001']);

    expectStepTaken(rx.world, result, 'rejectOrder', 'rejected');
    expect(await refusalCode(accepted(rx))).toBe('INVALID_STATE');
  });

  it('when another pharmacy accepts or rejects the order, then it is refused', async () => {
    const rx = await worldWithPlacedOrder();
    const other = await rx.world.actor('pharmacy', OTHER_PHARMACY);

    expect(await stepRefusal(rx, other, 'acceptOrder')).toBe('NOT_OWNER');
    expect(await stepRefusal(rx, other, 'rejectOrder')).toBe('NOT_OWNER');
  });

  it('when the patient tries to accept, then the role is refused', async () => {
    const rx = await worldWithPlacedOrder();

    expect(await stepRefusal(rx, rx.patient, 'acceptOrder')).toBe('ROLE_FORBIDDEN');
  });

  it('when the pharmacy is suspended, then accepting is refused', async () => {
    const rx = await worldWithPlacedOrder();
    await suspend(rx.world, PHARMACY);

    expect(await refusalCode(accepted(rx))).toBe('SUSPENDED');
  });

  it('when an accepted order is accepted again or rejected, then the transition is refused', async () => {
    const rx = await worldWithAcceptedOrder();

    expect(await refusalCode(accepted(rx))).toBe('INVALID_STATE');
    expect(await stepRefusal(rx, rx.pharmacy, 'rejectOrder')).toBe('INVALID_STATE');
  });

  it('when the prescription was cancelled after ordering, then accepting is refused', async () => {
    const rx = await worldWithPlacedOrder();
    await rx.world.ledger.submit(rx.doctor, 'Prescription:cancel', ['rx-0001']);

    expect(await refusalCode(accepted(rx))).toBe('INVALID_STATE');
  });

  it('when the patient cancels an accepted order, then it is cancelled and cannot be dispensed', async () => {
    const rx = await worldWithAcceptedOrder();

    const result = await rx.world.ledger.submit(rx.patient, 'Prescription:cancelOrder', ['ord-0001']);

    expect(JSON.parse(result.payload)).toMatchObject({ status: 'cancelled' });
    expect(result.event?.eventName).toBe('cancelOrder');
    expect(await stepRefusal(rx, rx.pharmacy, 'dispense')).toBe('INVALID_STATE');
  });

  it('when another patient cancels the order, then it is refused', async () => {
    const rx = await worldWithPlacedOrder();
    const mallory = await rx.world.actor('patient', 'pat-mallory');

    expect(await stepRefusal(rx, mallory, 'cancelOrder')).toBe('NOT_OWNER');
  });

  it('when the order does not exist, then accepting is refused', async () => {
    const rx = await rxWorld();

    expect(await refusalCode(accepted(rx, 'ord-9999'))).toBe('NOT_FOUND');
  });
});

describe('Prescription:dispense', () => {
  it('when the pharmacy dispenses an accepted order, then remaining falls by its quantity in the same transaction', async () => {
    const rx = await worldWithAcceptedOrder({ total: 30, refills: 2 }, { quantity: 30 });

    const result = await rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']);

    expect(JSON.parse(result.payload)).toMatchObject({ status: 'dispensed', dispensedAt: rx.world.now().toISOString() });
    expect(prescriptionOnLedger(rx)).toMatchObject({ remaining: 60, dispensedQuantity: 30, dispenseCount: 1, status: 'active' });
    expect(result.event?.eventName).toBe('dispense');
    expect(eventPayload(result)).toMatchObject({ orderId: 'ord-0001', status: 'dispensed', prescriptionStatus: 'active' });
  });

  it('when the last units are dispensed, then the prescription is completed', async () => {
    const rx = await worldWithAcceptedOrder({ total: 30 }, { quantity: 30 });

    await dispensed(rx);

    expect(prescriptionOnLedger(rx)).toMatchObject({ remaining: 0, status: 'completed', completedAt: rx.world.now().toISOString() });
    expect(await refusalCode(placeOrder(rx, { id: 'ord-0002', quantity: 1 }))).toBe('INVALID_STATE');
  });

  it('when two pharmacies hold orders whose sum exceeds what remains, then the second dispense is refused and nothing changes', async () => {
    const rx = await rxWorld();
    const other = await acceptedByTwoPharmacies(rx, { total: 10, quantity: 6 });
    await dispensed(rx);
    const mark = ledgerMark(rx.world);

    expect(await stepRefusal(rx, other, 'dispense', 'ord-0002')).toBe('QUANTITY_EXCEEDED');
    expect(ledgerMark(rx.world)).toEqual(mark);
    expect(prescriptionOnLedger(rx)).toMatchObject({ remaining: 4, dispensedQuantity: 6 });
    const second = await evaluateJson<MedicineOrder>(rx.world, other, 'Prescription:getOrder', ['ord-0002']);
    expect(second.status).toBe('accepted');
  });

  it('when two over-committing dispenses are submitted at the same time, then exactly one commits', async () => {
    const rx = await rxWorld();
    const other = await acceptedByTwoPharmacies(rx, { total: 10, quantity: 7 });

    // Both read the same prescription key; on a peer the loser fails MVCC validation, here the
    // serialised simulator makes it see the winner's write and refuse with QUANTITY_EXCEEDED.
    const outcomes = await Promise.allSettled([
      rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']),
      rx.world.ledger.submit(other, 'Prescription:dispense', ['ord-0002']),
    ]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(String((refused as PromiseRejectedResult).reason)).toContain('QUANTITY_EXCEEDED');
    expect(prescriptionOnLedger(rx)).toMatchObject({ remaining: 3, dispensedQuantity: 7, dispenseCount: 1 });
  });

  it('when the order is only placed, then dispensing is refused', async () => {
    const rx = await worldWithPlacedOrder();

    expect(await stepRefusal(rx, rx.pharmacy, 'dispense')).toBe('INVALID_STATE');
  });

  it('when another pharmacy dispenses the order, then it is refused', async () => {
    const rx = await worldWithAcceptedOrder();
    const other = await rx.world.actor('pharmacy', OTHER_PHARMACY);

    expect(await stepRefusal(rx, other, 'dispense')).toBe('NOT_OWNER');
  });

  it('when the prescription expired after acceptance, then dispensing is refused', async () => {
    const rx = await rxWorld();
    await acceptedOrder(rx, { validUntil: daysFromNow(rx.world, 3) });
    advanceDays(rx.world, 4);

    expect(await stepRefusal(rx, rx.pharmacy, 'dispense')).toBe('DEADLINE_PASSED');
  });

  it('when the order was already dispensed, then a second dispense is refused', async () => {
    const rx = await worldWithAcceptedOrder({ total: 10, refills: 3 }, { quantity: 10 });
    await dispensed(rx);

    expect(await stepRefusal(rx, rx.pharmacy, 'dispense')).toBe('INVALID_STATE');
    expect(prescriptionOnLedger(rx)?.remaining).toBe(30);
  });
});

describe('Prescription:confirmReceipt', () => {
  it('when the patient confirms a dispensed order, then it is received', async () => {
    const rx = await worldWithAcceptedOrder();
    await dispensed(rx);

    const result = await rx.world.ledger.submit(rx.patient, 'Prescription:confirmReceipt', ['ord-0001']);

    expectStepTaken(rx.world, result, 'confirmReceipt', 'received');
  });

  it('when the order was not dispensed yet, then confirming is refused', async () => {
    const rx = await worldWithAcceptedOrder();

    expect(await stepRefusal(rx, rx.patient, 'confirmReceipt')).toBe('INVALID_STATE');
  });

  it('when the pharmacy or another patient confirms, then it is refused', async () => {
    const rx = await worldWithAcceptedOrder();
    await dispensed(rx);
    const mallory = await rx.world.actor('patient', 'pat-mallory');

    expect(await stepRefusal(rx, rx.pharmacy, 'confirmReceipt')).toBe('ROLE_FORBIDDEN');
    expect(await stepRefusal(rx, mallory, 'confirmReceipt')).toBe('NOT_OWNER');
  });
});
