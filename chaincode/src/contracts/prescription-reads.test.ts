import type { AccessLogEntry } from '../models/access-log-entry';
import type { MedicineOrder } from '../models/medicine-order';
import type { Prescription } from '../models/prescription';
import { eventPayload, ledgerMark, revokeConsent } from '../test-support/care';
import { accepted, consentPharmacy, issue, ITEMS, OTHER_PHARMACY, PATIENT, PHARMACY, placeOrder, rxWorld, stepRefusal, worldWithPlacedOrder, worldWithPrescription } from '../test-support/prescriptions';
import { evaluateJson, refusalCode } from '../test-support/world';

describe('Prescription:readPrescription', () => {
  it('when the patient reads their prescription, then the items come back and the read is logged as the owner\'s', async () => {
    const rx = await worldWithPrescription();

    const result = await rx.world.ledger.submit(rx.patient, 'Prescription:readPrescription', ['rx-0001']);

    expect((JSON.parse(result.payload) as { items: unknown }).items).toEqual(ITEMS.items);
    expect(result.event?.eventName).toBe('readPrescription');
    const log = await evaluateJson<{ items: AccessLogEntry[] }>(rx.world, rx.patient, 'AccessLog:listMine', ['10', '']);
    expect(log.items.filter((entry) => entry.accessorId === PATIENT)).toEqual([
      expect.objectContaining({ action: 'view', basis: 'owner', resourceId: 'rx-0001', txId: result.txId }),
    ]);
  });

  it('when a doctor holding only an edit grant reads the items, then it is refused', async () => {
    const rx = await worldWithPrescription();

    expect(await stepRefusal(rx, rx.doctor, 'readPrescription', 'rx-0001')).toBe('CONSENT_REQUIRED');
  });
});

describe('Prescription:readPrescriptionForOrder', () => {
  it('when the order\'s pharmacy reads, then it gets the items and the read is in the patient\'s access log', async () => {
    const rx = await rxWorld();
    await issue(rx);
    const { consentGrantId: grantId } = await placeOrder(rx);

    const result = await rx.world.ledger.submit(rx.pharmacy, 'Prescription:readPrescriptionForOrder', ['ord-0001']);

    const read = JSON.parse(result.payload) as { items: unknown; order: MedicineOrder; prescription: Prescription };
    expect(read.items).toEqual(ITEMS.items);
    expect(read.order.id).toBe('ord-0001');
    expect(read.prescription.id).toBe('rx-0001');
    expect(result.event?.eventName).toBe('readPrescriptionForOrder');
    expect(JSON.stringify(eventPayload(result))).not.toMatch(/Amoxicillin|items/);
    const log = await evaluateJson<{ items: AccessLogEntry[] }>(rx.world, rx.patient, 'AccessLog:listMine', ['10', '']);
    expect(log.items.filter((entry) => entry.accessorId === PHARMACY)).toEqual([
      expect.objectContaining({
        accessorId: PHARMACY,
        accessorRole: 'pharmacy',
        action: 'view',
        category: 'prescription',
        recordId: 'rx-0001',
        resourceType: 'prescription',
        resourceId: 'rx-0001',
        basis: 'grant',
        grantId,
        txId: result.txId,
      }),
    ]);
  });

  it('when the patient revoked the pharmacy\'s grant after ordering, then the read is refused and not logged', async () => {
    const rx = await rxWorld();
    await issue(rx);
    const { consentGrantId: grantId } = await placeOrder(rx);
    await revokeConsent(rx.world, rx.patient, grantId ?? '');
    const mark = ledgerMark(rx.world);

    expect(await stepRefusal(rx, rx.pharmacy, 'readPrescriptionForOrder')).toBe('CONSENT_REQUIRED');
    expect(ledgerMark(rx.world)).toEqual(mark);
    const log = await evaluateJson<{ items: AccessLogEntry[] }>(rx.world, rx.patient, 'AccessLog:listMine', ['10', '']);
    expect(log.items.filter((entry) => entry.accessorId === PHARMACY)).toEqual([]);
  });

  it('when another pharmacy reads through the order, then it is refused even with its own grant', async () => {
    const rx = await worldWithPlacedOrder();
    const other = await rx.world.actor('pharmacy', OTHER_PHARMACY);
    await consentPharmacy(rx, OTHER_PHARMACY);

    expect(await stepRefusal(rx, other, 'readPrescriptionForOrder')).toBe('NOT_OWNER');
  });

  it('when the order was rejected, then reading through it is refused', async () => {
    const rx = await worldWithPlacedOrder();
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:rejectOrder', ['ord-0001']);

    expect(await stepRefusal(rx, rx.pharmacy, 'readPrescriptionForOrder')).toBe('INVALID_STATE');
  });
});

describe('Prescription reads', () => {
  it('when the patient, the issuing doctor or a consented pharmacy gets a prescription, then its public state is returned; others are refused', async () => {
    const rx = await worldWithPrescription();
    await consentPharmacy(rx);
    const stranger = await rx.world.actor('doctor', 'doc-other01');

    for (const who of [rx.patient, rx.doctor, rx.pharmacy]) {
      expect((await evaluateJson<Prescription>(rx.world, who, 'Prescription:getPrescription', ['rx-0001'])).id).toBe('rx-0001');
    }
    expect(await refusalCode(rx.world.ledger.evaluate(stranger, 'Prescription:getPrescription', ['rx-0001']))).toBe('CONSENT_REQUIRED');
    expect(await refusalCode(rx.world.ledger.evaluate(rx.patient, 'Prescription:getPrescription', ['rx-9999']))).toBe('NOT_FOUND');
  });

  it('when the patient or the pharmacy gets an order, then it is returned; another pharmacy is refused', async () => {
    const rx = await worldWithPlacedOrder();
    const other = await rx.world.actor('pharmacy', OTHER_PHARMACY);

    expect((await evaluateJson<MedicineOrder>(rx.world, rx.patient, 'Prescription:getOrder', ['ord-0001'])).status).toBe('placed');
    expect((await evaluateJson<MedicineOrder>(rx.world, rx.pharmacy, 'Prescription:getOrder', ['ord-0001'])).status).toBe('placed');
    expect(await refusalCode(rx.world.ledger.evaluate(other, 'Prescription:getOrder', ['ord-0001']))).toBe('CONSENT_REQUIRED');
  });

  it('when listing a patient\'s prescriptions by status, then pages follow the bookmark and the filter', async () => {
    const rx = await rxWorld();
    await issue(rx, { id: 'rx-0001' });
    await issue(rx, { id: 'rx-0002' });
    await issue(rx, { id: 'rx-0003' });
    await rx.world.ledger.submit(rx.doctor, 'Prescription:cancel', ['rx-0002']);

    const first = await evaluateJson<{ items: Prescription[]; bookmark: string }>(rx.world, rx.patient, 'Prescription:listPrescriptionsByPatient', [PATIENT, '', '2', '']);
    const second = await evaluateJson<{ items: Prescription[]; bookmark: string }>(rx.world, rx.patient, 'Prescription:listPrescriptionsByPatient', [PATIENT, '', '2', first.bookmark]);
    const active = await evaluateJson<{ items: Prescription[] }>(rx.world, rx.patient, 'Prescription:listPrescriptionsByPatient', [PATIENT, 'active', '10', '']);
    const cancelled = await evaluateJson<{ items: Prescription[] }>(rx.world, rx.patient, 'Prescription:listPrescriptionsByPatient', [PATIENT, 'cancelled', '10', '']);

    expect(first.items).toHaveLength(2);
    expect([...first.items, ...second.items].map((p) => p.id).sort()).toEqual(['rx-0001', 'rx-0002', 'rx-0003']);
    expect(active.items.map((p) => p.id)).toEqual(['rx-0001', 'rx-0003']);
    expect(cancelled.items.map((p) => p.id)).toEqual(['rx-0002']);
  });

  it('when someone without consent lists a patient\'s prescriptions or uses a bad filter, then it is refused', async () => {
    const rx = await worldWithPrescription();

    expect(await refusalCode(rx.world.ledger.evaluate(rx.pharmacy, 'Prescription:listPrescriptionsByPatient', [PATIENT, '', '10', '']))).toBe('CONSENT_REQUIRED');
    expect(await refusalCode(rx.world.ledger.evaluate(rx.patient, 'Prescription:listPrescriptionsByPatient', [PATIENT, 'lost', '10', '']))).toBe('INVALID_ARGUMENT');
    expect(await refusalCode(rx.world.ledger.evaluate(rx.patient, 'Prescription:listPrescriptionsByPatient', [PATIENT, '', '101', '']))).toBe('INVALID_ARGUMENT');
  });

  it('when the patient and the pharmacy list orders by status, then each sees the orders in that status', async () => {
    const rx = await rxWorld();
    await issue(rx, { total: 10, refills: 3 });
    await consentPharmacy(rx);
    await placeOrder(rx, { id: 'ord-0001', quantity: 5 });
    await placeOrder(rx, { id: 'ord-0002', quantity: 5 });
    await accepted(rx, 'ord-0002');

    const placed = await evaluateJson<{ items: MedicineOrder[] }>(rx.world, rx.pharmacy, 'Prescription:listOrdersByPharmacy', ['placed', '10', '']);
    const all = await evaluateJson<{ items: MedicineOrder[] }>(rx.world, rx.pharmacy, 'Prescription:listOrdersByPharmacy', ['', '10', '']);
    const mine = await evaluateJson<{ items: MedicineOrder[] }>(rx.world, rx.patient, 'Prescription:listOrdersByPatient', [PATIENT, 'accepted', '10', '']);

    expect(placed.items.map((o) => o.id)).toEqual(['ord-0001']);
    expect(all.items.map((o) => o.id).sort()).toEqual(['ord-0001', 'ord-0002']);
    expect(mine.items.map((o) => o.id)).toEqual(['ord-0002']);
    expect(await refusalCode(rx.world.ledger.evaluate(rx.patient, 'Prescription:listOrdersByPharmacy', ['', '10', '']))).toBe('ROLE_FORBIDDEN');
    const other = await rx.world.actor('patient', 'pat-mallory');
    expect(await refusalCode(rx.world.ledger.evaluate(other, 'Prescription:listOrdersByPatient', [PATIENT, '', '10', '']))).toBe('CONSENT_REQUIRED');
  });
});
