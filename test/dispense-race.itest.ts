import { closeActors, registeredActor, type Actor } from './support/actors';
import { eventOf } from './support/events';
import { closeAllClients } from './support/fabric-client';
import { secondsFromNow } from './support/ledger-time';

afterAll(() => {
  closeAllClients();
});

async function acceptedOrder(patient: Actor, pharmacy: Actor, prescriptionId: string, quantity: number): Promise<string> {
  await patient.submitJson('Consent:grant', [pharmacy.stakeholderId, '["view"]', JSON.stringify({ recordIds: [prescriptionId] }), 'TREAT', secondsFromNow(-60), secondsFromNow(3600)]);
  const order = await patient.submitJson<{ id: string }>('Prescription:placeOrder', ['', prescriptionId, pharmacy.stakeholderId, String(quantity), 'online']);
  await pharmacy.contract.submitTransaction('Prescription:acceptOrder', order.id);
  return order.id;
}

/** Outcome of one dispense: its commit status, or the refusal if endorsement already failed. */
async function dispenseOutcome(pharmacy: Actor, orderId: string): Promise<{ ok: boolean; txId?: string; block?: bigint }> {
  try {
    const commit = await pharmacy.contract.submitAsync('Prescription:dispense', { arguments: [orderId] });
    const status = await commit.getStatus();
    return { ok: status.successful, txId: commit.getTransactionId(), block: status.blockNumber };
  } catch {
    return { ok: false };
  }
}

describe('dispensing on the real network', () => {
  it('when two pharmacies dispense the last units at the same time, then exactly one commits', async () => {
    const admin = await registeredActor('admin');
    const patient = await registeredActor('patient');
    const [doctor, pharmacyA, pharmacyB] = await Promise.all([registeredActor('doctor', admin), registeredActor('pharmacy', admin), registeredActor('pharmacy', admin)]);
    await patient.submitJson('Consent:grant', [doctor.stakeholderId, '["edit"]', '{"categories":["prescription"]}', 'TREAT', secondsFromNow(-60), secondsFromNow(3600)]);
    const prescription = await doctor.submitJson<{ id: string }>(
      'Prescription:issue', ['', patient.stakeholderId, '10', '0', secondsFromNow(30 * 86400)],
      { prescription: { items: [{ medicine: 'amoxicillin 500 mg', dose: '1 capsule' }] } },
    );
    const orderA = await acceptedOrder(patient, pharmacyA, prescription.id, 10);
    const orderB = await acceptedOrder(patient, pharmacyB, prescription.id, 10);

    const outcomes = await Promise.all([dispenseOutcome(pharmacyA, orderA), dispenseOutcome(pharmacyB, orderB)]);

    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    const after = await patient.evaluateJson<{ remaining: number }>('Prescription:getPrescription', [prescription.id]);
    expect(after.remaining).toBe(0);
    const winner = outcomes.find((outcome) => outcome.ok);
    expect((await eventOf(patient.network, winner?.txId ?? '', winner?.block ?? 0n)).eventName).toBe('dispense');
    closeActors(admin, patient, doctor, pharmacyA, pharmacyB);
  });
});
