import type { LedgerIdentity } from '@medledger/ledger-sim';
import type { GrantView } from '../contract';
import * as surface from '../contract';
import { CLAIM_DETAILS, decide, insWorld, INSURER, PATIENT as INS_PATIENT, policyHolder, publish, submitClaim, apply, type Ins } from '../test-support/insurance';
import { createConsentWorld, DAY, IDS, MINUTE, parsed, refusedWithoutWrite, type ConsentWorld } from '../test-support/consent';
import { blobOf, contentArgs, createFile, fileTransient, SECRET } from '../test-support/records';
import { issue, OTHER_PHARMACY, PATIENT as RX_PATIENT, PHARMACY, placeOrder, rxWorld, stepRefusal, type Rx } from '../test-support/prescriptions';
import { evaluateJson, refusalCode, submitJson, type World } from '../test-support/world';

/*
 * Consent that follows the workflow: each care flow creates, in the transaction where the patient
 * acts, the one narrow grant the flow needs; it covers only that flow's object, is listed and
 * revocable like any grant, and ends by itself when the workflow ends.
 */

async function grantOf(world: World, patient: LedgerIdentity, grantId: string | undefined): Promise<GrantView> {
  return evaluateJson<GrantView>(world, patient, 'Consent:getGrant', [grantId ?? '']);
}

async function grantsOf(world: World, patient: LedgerIdentity, patientId: string): Promise<GrantView[]> {
  return (await evaluateJson<{ items: GrantView[] }>(world, patient, 'Consent:listGrantsByPatient', [patientId, '50', ''])).items;
}

describe('workflow grants: booking an appointment', () => {
  let world: ConsentWorld;

  beforeEach(async () => {
    world = await createConsentWorld();
  });

  async function book(id: string, providerId: string = IDS.doctor): Promise<surface.Appointment> {
    const result = await world.ledger.submit(world.patient, 'Appointment:book', [id, providerId, world.at(2 * DAY), world.at(2 * DAY + 30 * MINUTE)], {
      transient: { appointment: JSON.stringify({ reason: SECRET.appointmentReason }) },
    });
    return parsed(surface.appointment, result);
  }

  const readReason = (who: LedgerIdentity, id: string) => world.ledger.submit(who, 'Appointment:accessDetails', [id]);

  it('when the patient books, then the provider gets view on that appointment only (TREAT), listed with the patient\'s consents', async () => {
    const appointment = await book('apt-visit0001');
    await book('apt-visit0002', IDS.hospital);

    const grant = await grantOf(world, world.patient, appointment.workflowGrantId);
    expect(grant).toMatchObject({
      patientId: IDS.patient,
      granteeId: IDS.doctor,
      actions: ['view'],
      scope: { recordIds: ['apt-visit0001'] },
      purpose: 'TREAT',
      createdBy: IDS.patient,
      status: 'active',
      effectiveStatus: 'active',
      workflow: { type: 'appointment', id: 'apt-visit0001' },
    });
    expect((await grantsOf(world, world.patient, IDS.patient)).map((g) => g.id)).toContain(grant.id);
    expect(parsed(surface.appointmentWithDetails, await readReason(world.doctor, 'apt-visit0001')).details?.reason).toBe(SECRET.appointmentReason);
    expect(await refusedWithoutWrite(world, () => readReason(world.doctor, 'apt-visit0002'))).toBe('CONSENT_REQUIRED');
    expect(await refusedWithoutWrite(world, () => readReason(world.otherDoctor, 'apt-visit0001'))).toBe('CONSENT_REQUIRED');
  });

  it('when the patient revokes the booking grant, then the provider can no longer read the reason', async () => {
    const appointment = await book('apt-visit0001');
    await world.ledger.submit(world.patient, 'Consent:revoke', [appointment.workflowGrantId ?? '']);

    expect(await refusedWithoutWrite(world, () => readReason(world.doctor, 'apt-visit0001'))).toBe('CONSENT_REQUIRED');
    expect((await grantOf(world, world.patient, appointment.workflowGrantId)).effectiveStatus).toBe('revoked');
  });

  it.each<[string, (id: string) => Promise<unknown>]>([
    ['declined', (id) => world.ledger.submit(world.doctor, 'Appointment:decline', [id])],
    ['cancelled', (id) => world.ledger.submit(world.patient, 'Appointment:cancel', [id])],
    [
      'completed',
      async (id) => {
        await world.ledger.submit(world.doctor, 'Appointment:confirm', [id]);
        world.setTime(world.at(2 * DAY + 10 * MINUTE));
        return world.ledger.submit(world.doctor, 'Appointment:complete', [id]);
      },
    ],
  ])('when the appointment is %s, then its grant ends with that outcome and the reason is refused', async (outcome, end) => {
    const appointment = await book('apt-visit0001');
    await end('apt-visit0001');

    const grant = await grantOf(world, world.patient, appointment.workflowGrantId);
    expect(grant).toMatchObject({ status: 'ended', effectiveStatus: 'ended', workflow: { type: 'appointment', id: 'apt-visit0001', outcome } });
    expect(await refusedWithoutWrite(world, () => readReason(world.doctor, 'apt-visit0001'))).toBe('CONSENT_REQUIRED');
    expect(await refusalCode(world.ledger.submit(world.patient, 'Consent:revoke', [grant.id]))).toBe('INVALID_STATE');
  });
});

describe('workflow grants: ordering from a pharmacy', () => {
  let rx: Rx;

  beforeEach(async () => {
    rx = await rxWorld();
    await issue(rx);
    await issue(rx, { id: 'rx-0002' });
  });

  const read = (who: LedgerIdentity, id: string) => rx.world.ledger.submit(who, 'Prescription:readPrescription', [id]);

  it('when the patient orders, then the pharmacy gets view on that prescription only (TREAT), and reads it through the order', async () => {
    const order = await placeOrder(rx);

    expect(await grantOf(rx.world, rx.patient, order.consentGrantId)).toMatchObject({
      granteeId: PHARMACY,
      actions: ['view'],
      scope: { recordIds: ['rx-0001'] },
      purpose: 'TREAT',
      workflow: { type: 'medicine-order', id: 'ord-0001' },
      effectiveStatus: 'active',
    });
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:readPrescriptionForOrder', ['ord-0001']);
    expect(await refusalCode(read(rx.pharmacy, 'rx-0002'))).toBe('CONSENT_REQUIRED');
    const other = await rx.world.actor('pharmacy', OTHER_PHARMACY);
    expect(await refusalCode(read(other, 'rx-0001'))).toBe('CONSENT_REQUIRED');
  });

  it('when the patient revokes the order\'s grant, then the pharmacy\'s read is refused', async () => {
    const order = await placeOrder(rx);
    await rx.world.ledger.submit(rx.patient, 'Consent:revoke', [order.consentGrantId ?? '']);

    expect(await stepRefusal(rx, rx.pharmacy, 'readPrescriptionForOrder')).toBe('CONSENT_REQUIRED');
  });

  it.each<[string, string[]]>([
    ['rejected', ['pharmacy:rejectOrder']],
    ['cancelled', ['patient:cancelOrder']],
    ['dispensed', ['pharmacy:acceptOrder', 'pharmacy:dispense']],
  ])('when the order is %s, then its grant ends and the pharmacy can no longer read the prescription', async (outcome, steps) => {
    const order = await placeOrder(rx);
    for (const step of steps) {
      const [who, fn] = step.split(':') as ['pharmacy' | 'patient', string];
      await rx.world.ledger.submit(rx[who], `Prescription:${fn}`, ['ord-0001']);
    }

    expect(await grantOf(rx.world, rx.patient, order.consentGrantId)).toMatchObject({ status: 'ended', workflow: { outcome } });
    expect(await refusalCode(read(rx.pharmacy, 'rx-0001'))).toBe('CONSENT_REQUIRED');
  });

  it('when the patient receives a dispensed order, then the already ended grant stays ended with its first outcome', async () => {
    const order = await placeOrder(rx);
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:acceptOrder', ['ord-0001']);
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']);
    await rx.world.ledger.submit(rx.patient, 'Prescription:confirmReceipt', ['ord-0001']);

    expect((await grantOf(rx.world, rx.patient, order.consentGrantId)).workflow).toMatchObject({ outcome: 'dispensed' });
    expect((await grantsOf(rx.world, rx.patient, RX_PATIENT)).filter((g) => g.workflow !== undefined)).toHaveLength(1);
  });
});

describe('workflow grants: paying a hospital for a service', () => {
  let world: ConsentWorld;

  beforeEach(async () => {
    world = await createConsentWorld();
  });

  async function paid(): Promise<surface.ServiceRequest> {
    const requested = parsed(
      surface.serviceRequest,
      await world.ledger.submit(world.patient, 'HospitalService:requestEstimate', [IDS.hospital, 'LAB-CBC'], {
        transient: { service: JSON.stringify({ details: SECRET.serviceDetails }) },
      }),
    );
    await world.ledger.submit(world.hospital, 'HospitalService:quote', [requested.id, '12500', 'EUR', world.at(7 * DAY)]);
    await world.ledger.submit(world.patient, 'HospitalService:accept', [requested.id]);
    return parsed(surface.serviceRequest, await world.ledger.submit(world.patient, 'HospitalService:recordPayment', [requested.id, 'online', 'pay-ref-0001']));
  }

  it('when the patient pays, then the hospital may upload exactly the planned report file and attach it, which ends the grant', async () => {
    const request = await paid();
    const fileId = request.plannedReportFileId ?? '';
    expect(fileId).toMatch(/^file-[0-9a-f]{24}$/);
    expect(await grantOf(world, world.patient, request.workflowGrantId)).toMatchObject({
      granteeId: IDS.hospital,
      actions: ['edit'],
      scope: { recordIds: [fileId] },
      purpose: 'TREAT',
      workflow: { type: 'service-request', id: request.id },
    });

    expect(await refusedWithoutWrite(world, () => createFile(world, world.hospital, 'file-0123456789abcdef01234567', IDS.patient, 'lab'))).toBe('CONSENT_REQUIRED');
    await createFile(world, world.hospital, fileId, IDS.patient, 'lab');
    await world.ledger.submit(world.hospital, 'HospitalService:confirmPayment', [request.id]);
    await world.ledger.submit(world.hospital, 'HospitalService:attachReport', [request.id, fileId]);

    expect(await grantOf(world, world.patient, request.workflowGrantId)).toMatchObject({ status: 'ended', workflow: { outcome: 'reported' } });
  });

  it('when the patient revokes the payment grant, then the hospital cannot upload the report', async () => {
    const request = await paid();
    await world.ledger.submit(world.patient, 'Consent:revoke', [request.workflowGrantId ?? '']);

    expect(await refusedWithoutWrite(world, () => createFile(world, world.hospital, request.plannedReportFileId ?? '', IDS.patient, 'lab'))).toBe('CONSENT_REQUIRED');
  });

  it('when the request is cancelled, then the grant ends and the upload is refused', async () => {
    const request = await paid();
    world.setTime(world.at(30 * DAY));
    await world.ledger.submit(world.patient, 'HospitalService:cancel', [request.id]);

    expect(await grantOf(world, world.patient, request.workflowGrantId)).toMatchObject({ status: 'ended', workflow: { outcome: 'cancelled' } });
    expect(await refusedWithoutWrite(world, () => createFile(world, world.hospital, request.plannedReportFileId ?? '', IDS.patient, 'lab'))).toBe('CONSENT_REQUIRED');
  });
});

describe('workflow grants: insurance applications and claims', () => {
  let ins: Ins;

  beforeEach(async () => {
    ins = await insWorld();
  });

  const asInsurer = { transient: { purposeOfUse: 'COVERAGE' } };

  async function patientFile(fileId: string): Promise<string> {
    await ins.world.ledger.submit(ins.patient, 'Records:createFile', [fileId, INS_PATIENT, 'lab', ...contentArgs(blobOf(fileId)), 'N'], { transient: fileTransient() });
    return fileId;
  }

  it('when the patient applies sharing records, then the insurer may view exactly those (COVERAGE) until the application is decided', async () => {
    await publish(ins);
    const shared = await patientFile('fil-shared001');
    await patientFile('fil-private01');
    const application = await apply(ins, { shared: [shared] });

    expect(await grantOf(ins.world, ins.patient, application.workflowGrantId)).toMatchObject({
      granteeId: INSURER,
      actions: ['view'],
      scope: { recordIds: [shared] },
      purpose: 'COVERAGE',
      workflow: { type: 'insurance-application', id: application.id },
    });
    await ins.world.ledger.submit(ins.insurer, 'Records:accessFile', [shared, '1'], asInsurer);
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Records:accessFile', ['fil-private01', '1'], asInsurer))).toBe('CONSENT_REQUIRED');

    await submitJson(ins.world, ins.insurer, 'Insurance:respond', [application.id, application.lockedTermsSha256, String(application.lockedPriceMinor)]);

    expect(await grantOf(ins.world, ins.patient, application.workflowGrantId)).toMatchObject({ status: 'ended', workflow: { outcome: 'approved' } });
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Records:accessFile', [shared, '1'], asInsurer))).toBe('CONSENT_REQUIRED');
  });

  it('when the patient applies sharing nothing, or records that are not theirs, then no grant is created or the application is refused', async () => {
    await publish(ins);
    expect((await apply(ins)).workflowGrantId).toBeUndefined();
    expect(await refusalCode(apply(ins, { id: 'app-0002', shared: ['fil-ghost001'] }))).toBe('NOT_FOUND');
    expect(await refusalCode(apply(ins, { id: 'app-0003', shared: ['not an id'] }))).toBe('INVALID_ARGUMENT');
  });

  it('when the patient submits a claim, then the insurer reads its details (HPAYMT, its default) until the claim is paid', async () => {
    const policy = await policyHolder(ins);
    const claim = await submitClaim(ins, policy.id);
    expect(await grantOf(ins.world, ins.patient, claim.workflowGrantId)).toMatchObject({
      granteeId: INSURER,
      scope: { recordIds: ['clm-0001'] },
      purpose: 'HPAYMT',
      workflow: { type: 'claim', id: 'clm-0001' },
    });
    expect((await submitJson<{ details: string }>(ins.world, ins.insurer, 'Insurance:readClaim', ['clm-0001'])).details).toBe(CLAIM_DETAILS.details);

    await decide(ins, 'approved', claim.amountMinor);
    expect((await grantOf(ins.world, ins.patient, claim.workflowGrantId)).status).toBe('active');
    await submitJson(ins.world, ins.insurer, 'Insurance:markPaid', ['clm-0001', 'wire-0001']);

    expect(await grantOf(ins.world, ins.patient, claim.workflowGrantId)).toMatchObject({ status: 'ended', workflow: { outcome: 'paid' } });
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:readClaim', ['clm-0001']))).toBe('CONSENT_REQUIRED');
  });

  it('when the patient revokes the claim grant, or the claim is denied, then the insurer can no longer read it', async () => {
    const policy = await policyHolder(ins);
    const claim = await submitClaim(ins, policy.id);
    await ins.world.ledger.submit(ins.patient, 'Consent:revoke', [claim.workflowGrantId ?? '']);
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:readClaim', ['clm-0001']))).toBe('CONSENT_REQUIRED');

    const second = await submitClaim(ins, policy.id, { id: 'clm-0002' });
    await submitJson(ins.world, ins.insurer, 'Insurance:decideClaim', ['clm-0002', 'denied', '0']);
    expect(await grantOf(ins.world, ins.patient, second.workflowGrantId)).toMatchObject({ status: 'ended', workflow: { outcome: 'denied' } });
    expect(await refusalCode(ins.world.ledger.submit(ins.insurer, 'Insurance:readClaim', ['clm-0002']))).toBe('CONSENT_REQUIRED');
  });
});
