import type { LedgerIdentity, TransactionResult } from '@medledger/ledger-sim';
import type { Appointment } from '../models/appointment';
import { privateState, suspend } from '../test-support/care';
import { createConsentWorld, DAY, eventOf, HOUR, IDS, MINUTE, parsed, refusedWithoutWrite, type ConsentWorld } from '../test-support/consent';
import { accessLogOf, consent, publicText, SECRET } from '../test-support/records';
import { evaluateJson, T0, type Page } from '../test-support/world';
import * as surface from '../contract';

const APT = 'apt-visit0001';
const T0_ISO = T0.toISOString();

type Party = 'patient' | 'doctor' | 'hospital' | 'otherPatient' | 'otherDoctor' | 'pharmacy' | 'pendingDoctor';

describe('Appointment contract', () => {
  let world: ConsentWorld;
  let startsAt: string;
  let endsAt: string;

  beforeEach(async () => {
    world = await createConsentWorld();
    startsAt = world.at(2 * DAY);
    endsAt = world.at(2 * DAY + 30 * MINUTE);
  });

  function book(
    who: LedgerIdentity = world.patient,
    options: { id?: string; providerId?: string; startsAt?: string; endsAt?: string; transient?: Record<string, string> } = {},
  ): Promise<TransactionResult> {
    return world.ledger.submit(
      who,
      'Appointment:book',
      [options.id ?? APT, options.providerId ?? IDS.doctor, options.startsAt ?? startsAt, options.endsAt ?? endsAt],
      { transient: options.transient ?? { appointment: JSON.stringify({ reason: SECRET.appointmentReason }) } },
    );
  }

  function step(who: Party, fn: string, args: string[] = [APT]): Promise<TransactionResult> {
    return world.ledger.submit(world[who], `Appointment:${fn}`, args);
  }

  describe('book', () => {
    it('when the patient books a verified doctor, then it is requested, the reason is private and the event has IDs and times only', async () => {
      const result = await book();

      expect(parsed(surface.appointment, result)).toEqual({
        id: APT,
        patientId: IDS.patient,
        providerId: IDS.doctor,
        providerRole: 'doctor',
        startsAt,
        endsAt,
        status: 'requested',
        workflowGrantId: expect.stringMatching(/^grant-[0-9a-f]{24}$/) as string,
        createdAt: T0_ISO,
        updatedAt: T0_ISO,
      });
      expect(privateState(world, 'appointmentDetails', [APT])).toEqual({ reason: SECRET.appointmentReason });
      expect(eventOf(result)).toEqual({
        name: 'book',
        payload: { appointmentId: APT, patientId: IDS.patient, providerId: IDS.doctor, status: 'requested', startsAt, endsAt, at: T0_ISO },
      });
      expect(publicText(world)).not.toContain(SECRET.appointmentReason);
    });

    it('when the appointment ID is empty, then the chaincode allocates one; a hospital can be booked too', async () => {
      const appointment = parsed(surface.appointment, await book(world.patient, { id: '', providerId: IDS.hospital }));
      expect(appointment.id).toMatch(/^apt-[0-9a-f]{24}$/);
      expect(appointment.providerRole).toBe('hospital');
    });

    it('when the appointment ID is taken, then the second booking is refused with ALREADY_EXISTS', async () => {
      await book();
      expect(await refusedWithoutWrite(world, () => book())).toBe('ALREADY_EXISTS');
    });

    it.each<[string, { providerId: string }, string]>([
      ['an unverified doctor', { providerId: IDS.pendingDoctor }, 'NOT_VERIFIED'],
      ['a pharmacy', { providerId: IDS.pharmacy }, 'INVALID_ARGUMENT'],
      ['an unknown provider', { providerId: 'doc-nobody01' }, 'NOT_FOUND'],
    ])('when the provider is %s, then booking is refused with %s', async (_label, options, code) => {
      expect(await refusedWithoutWrite(world, () => book(world.patient, options))).toBe(code);
    });

    it('when the provider is suspended, then booking is refused with SUSPENDED; a suspended patient cannot book either', async () => {
      await suspend(world, IDS.doctor);
      expect(await refusedWithoutWrite(world, () => book())).toBe('SUSPENDED');
      await suspend(world, IDS.otherPatient);
      expect(await refusedWithoutWrite(world, () => book(world.otherPatient, { providerId: IDS.hospital }))).toBe('SUSPENDED');
    });

    it('when a doctor tries to book, then it is refused with ROLE_FORBIDDEN', async () => {
      expect(await refusedWithoutWrite(world, () => book(world.doctor, { providerId: IDS.otherDoctor }))).toBe('ROLE_FORBIDDEN');
    });

    it.each<[string, () => { startsAt?: string; endsAt?: string; id?: string; transient?: Record<string, string> }]>([
      ['a start in the past', () => ({ startsAt: world.at(-HOUR), endsAt: world.at(HOUR) })],
      ['an end before the start', () => ({ endsAt: world.at(DAY) })],
      ['a slot over 12 hours', () => ({ endsAt: world.at(3 * DAY) })],
      ['a malformed start', () => ({ startsAt: 'tomorrow' })],
      ['an invalid ID', () => ({ id: 'apt 1' })],
      ['no reason', () => ({ transient: { appointment: JSON.stringify({}) } })],
      ['no transient field', () => ({ transient: {} })],
    ])('when the booking has %s, then it is refused with INVALID_ARGUMENT', async (_label, options) => {
      expect(await refusedWithoutWrite(world, () => book(world.patient, options()))).toBe('INVALID_ARGUMENT');
    });
  });

  describe('provider steps', () => {
    it('when the provider confirms, then it is confirmed and a "confirm" event is emitted', async () => {
      await book();
      const result = await step('doctor', 'confirm');
      expect(parsed(surface.appointment, result).status).toBe('confirmed');
      expect(eventOf(result)).toMatchObject({ name: 'confirm', payload: { appointmentId: APT, status: 'confirmed' } });
    });

    it('when the provider declines, then it is declined and can no longer be confirmed', async () => {
      await book();
      expect(parsed(surface.appointment, await step('doctor', 'decline')).status).toBe('declined');
      expect(await refusedWithoutWrite(world, () => step('doctor', 'confirm'))).toBe('INVALID_STATE');
    });

    it.each<[string, Party, string]>([
      ['another doctor', 'otherDoctor', 'NOT_OWNER'],
      ['the patient', 'patient', 'ROLE_FORBIDDEN'],
      ['a pharmacy', 'pharmacy', 'ROLE_FORBIDDEN'],
    ])('when %s confirms, then it is refused with %s', async (_label, who, code) => {
      await book();
      expect(await refusedWithoutWrite(world, () => step(who, 'confirm'))).toBe(code);
    });

    it('when the provider has been suspended since the booking, then its confirmation is refused with SUSPENDED', async () => {
      await book();
      await suspend(world, IDS.doctor);
      expect(await refusedWithoutWrite(world, () => step('doctor', 'confirm'))).toBe('SUSPENDED');
    });

    it('when the provider confirms after the start time, then it is refused with DEADLINE_PASSED', async () => {
      await book();
      world.setTime(startsAt);
      expect(await refusedWithoutWrite(world, () => step('doctor', 'confirm'))).toBe('DEADLINE_PASSED');
    });

    it('when the appointment does not exist, then it is refused with NOT_FOUND', async () => {
      expect(await refusedWithoutWrite(world, () => step('doctor', 'confirm', ['apt-missing01']))).toBe('NOT_FOUND');
    });
  });

  describe('time proposals', () => {
    it('when the provider proposes a time and the patient accepts, then it is confirmed at the new time', async () => {
      await book();
      const newStart = world.at(3 * DAY);
      const newEnd = world.at(3 * DAY + HOUR);
      const proposed = parsed(surface.appointment, await step('doctor', 'proposeTime', [APT, newStart, newEnd]));
      expect(proposed).toMatchObject({ status: 'proposed', startsAt, proposedStartsAt: newStart, proposedEndsAt: newEnd });

      const result = await step('patient', 'acceptProposal');

      const accepted = parsed(surface.appointment, result);
      expect(accepted).toMatchObject({ status: 'confirmed', startsAt: newStart, endsAt: newEnd });
      expect(accepted).not.toHaveProperty('proposedStartsAt');
      expect(eventOf(result)).toMatchObject({ name: 'acceptProposal', payload: { status: 'confirmed', startsAt: newStart } });
    });

    it('when the patient rejects the proposal, then the request stands again at the original time', async () => {
      await book();
      await step('doctor', 'confirm');
      await step('doctor', 'proposeTime', [APT, world.at(3 * DAY), world.at(3 * DAY + HOUR)]);
      const rejected = parsed(surface.appointment, await step('patient', 'rejectProposal'));
      expect(rejected).toMatchObject({ status: 'requested', startsAt, endsAt });
      expect(rejected).not.toHaveProperty('proposedEndsAt');
    });

    it('when the patient accepts after the proposed slot started, then it is refused with DEADLINE_PASSED', async () => {
      await book();
      const newStart = world.at(DAY);
      await step('doctor', 'proposeTime', [APT, newStart, world.at(DAY + HOUR)]);
      world.setTime(newStart);
      expect(await refusedWithoutWrite(world, () => step('patient', 'acceptProposal'))).toBe('DEADLINE_PASSED');
    });

    it('when there is no proposal, then accepting or rejecting one is refused with INVALID_STATE', async () => {
      await book();
      expect(await refusedWithoutWrite(world, () => step('patient', 'acceptProposal'))).toBe('INVALID_STATE');
      expect(await refusedWithoutWrite(world, () => step('patient', 'rejectProposal'))).toBe('INVALID_STATE');
    });

    it('when another patient or the provider answers the proposal, then it is refused', async () => {
      await book();
      await step('doctor', 'proposeTime', [APT, world.at(3 * DAY), world.at(3 * DAY + HOUR)]);
      expect(await refusedWithoutWrite(world, () => step('otherPatient', 'acceptProposal'))).toBe('NOT_OWNER');
      expect(await refusedWithoutWrite(world, () => step('doctor', 'acceptProposal'))).toBe('ROLE_FORBIDDEN');
    });

    it('when the proposed slot is in the past, then proposeTime is refused with INVALID_ARGUMENT; the patient may not propose', async () => {
      await book();
      expect(await refusedWithoutWrite(world, () => step('doctor', 'proposeTime', [APT, world.at(-DAY), world.at(-DAY + HOUR)]))).toBe('INVALID_ARGUMENT');
      expect(await refusedWithoutWrite(world, () => step('patient', 'proposeTime', [APT, world.at(3 * DAY), world.at(3 * DAY + HOUR)]))).toBe(
        'ROLE_FORBIDDEN',
      );
    });
  });

  describe('cancel and complete', () => {
    it.each<[string, Party]>([
      ['the patient', 'patient'],
      ['the provider', 'doctor'],
    ])('when %s cancels, then it is cancelled with the canceller recorded', async (_label, who) => {
      await book();
      await step('doctor', 'confirm');
      const result = await step(who, 'cancel');
      expect(parsed(surface.appointment, result)).toMatchObject({ status: 'cancelled', cancelledBy: IDS[who as 'patient' | 'doctor'] });
      expect(eventOf(result).name).toBe('cancel');
    });

    it('when a stranger cancels, then it is refused with NOT_OWNER; cancelling twice with INVALID_STATE', async () => {
      await book();
      expect(await refusedWithoutWrite(world, () => step('otherDoctor', 'cancel'))).toBe('NOT_OWNER');
      await step('patient', 'cancel');
      expect(await refusedWithoutWrite(world, () => step('patient', 'cancel'))).toBe('INVALID_STATE');
    });

    it('when the provider completes before the start, then DEADLINE_NOT_REACHED; after the start it is completed', async () => {
      await book();
      await step('doctor', 'confirm');
      expect(await refusedWithoutWrite(world, () => step('doctor', 'complete'))).toBe('DEADLINE_NOT_REACHED');
      world.setTime(world.at(2 * DAY + 10 * MINUTE));
      const result = await step('doctor', 'complete');
      expect(parsed(surface.appointment, result).status).toBe('completed');
      expect(eventOf(result).name).toBe('complete');
      expect(await refusedWithoutWrite(world, () => step('patient', 'cancel'))).toBe('INVALID_STATE');
    });

    it('when an unconfirmed appointment is completed, then it is refused with INVALID_STATE; the patient may not complete', async () => {
      await book();
      world.setTime(world.at(2 * DAY + 10 * MINUTE));
      expect(await refusedWithoutWrite(world, () => step('doctor', 'complete'))).toBe('INVALID_STATE');
      expect(await refusedWithoutWrite(world, () => step('patient', 'complete'))).toBe('ROLE_FORBIDDEN');
    });
  });

  describe('reads', () => {
    it('when a party reads the appointment, then it gets the public record; a stranger is refused with NOT_OWNER', async () => {
      await book();
      expect((await evaluateJson<Appointment>(world, world.doctor, 'Appointment:get', [APT])).status).toBe('requested');
      expect((await evaluateJson<Appointment>(world, world.patient, 'Appointment:get', [APT])).id).toBe(APT);
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherDoctor, 'Appointment:get', [APT]))).toBe('NOT_OWNER');
    });

    it('when the provider holds the record-scoped grant booking created, then it reads the reason and the read is logged', async () => {
      const { workflowGrantId: grantId } = parsed(surface.appointment, await book());
      expect(await refusedWithoutWrite(world, () => step('otherDoctor', 'accessDetails'))).toBe('CONSENT_REQUIRED');

      const result = await step('doctor', 'accessDetails');

      expect(parsed(surface.appointmentWithDetails, result)).toMatchObject({ details: { reason: SECRET.appointmentReason }, basis: 'grant' });
      expect(eventOf(result)).toEqual({
        name: 'accessDetails',
        payload: { appointmentId: APT, patientId: IDS.patient, accessorId: IDS.doctor, basis: 'grant', at: T0_ISO },
      });
      expect(await accessLogOf(world, world.patient)).toEqual([
        expect.objectContaining({ accessorId: IDS.doctor, category: 'appointment', resourceType: 'appointment', resourceId: APT, grantId }),
      ]);
    });

    it('when the patient reads the reason, then it is logged as owner access', async () => {
      await book();
      expect(parsed(surface.appointmentWithDetails, await step('patient', 'accessDetails')).basis).toBe('owner');
      expect(await accessLogOf(world, world.patient)).toEqual([expect.objectContaining({ basis: 'owner', resourceId: APT })]);
    });

    it('when listing, then the patient and provider see their appointments by start time and can filter by status', async () => {
      await book();
      await book(world.patient, { id: 'apt-visit0002', startsAt: world.at(DAY), endsAt: world.at(DAY + HOUR) });
      await book(world.patient, { id: 'apt-visit0003', providerId: IDS.hospital });
      await step('doctor', 'confirm');

      const all = await evaluateJson<Page<Appointment>>(world, world.patient, 'Appointment:listByPatient', [IDS.patient, '', '10', '']);
      const confirmed = await evaluateJson<Page<Appointment>>(world, world.patient, 'Appointment:listByPatient', [IDS.patient, 'confirmed', '10', '']);
      const doctors = await evaluateJson<Page<Appointment>>(world, world.doctor, 'Appointment:listByProvider', ['requested', '10', '']);
      const hospitals = await evaluateJson<Page<Appointment>>(world, world.hospital, 'Appointment:listByProvider', ['', '10', '']);

      expect(all.items.map((item) => item.id)).toEqual(['apt-visit0002', 'apt-visit0001', 'apt-visit0003']);
      expect(confirmed.items.map((item) => item.id)).toEqual([APT]);
      expect(doctors.items.map((item) => item.id)).toEqual(['apt-visit0002']);
      expect(hospitals.items.map((item) => item.id)).toEqual(['apt-visit0003']);
    });

    it('when the start time moves, then the lists follow the new time', async () => {
      await book();
      await book(world.patient, { id: 'apt-visit0002', startsAt: world.at(3 * DAY), endsAt: world.at(3 * DAY + HOUR) });
      await step('doctor', 'proposeTime', [APT, world.at(4 * DAY), world.at(4 * DAY + HOUR)]);
      await step('patient', 'acceptProposal');
      const page = await evaluateJson<Page<Appointment>>(world, world.doctor, 'Appointment:listByProvider', ['', '10', '']);
      expect(page.items.map((item) => item.id)).toEqual(['apt-visit0002', APT]);
    });

    it('when a stranger lists a patient\'s appointments, then CONSENT_REQUIRED; a bad status filter is INVALID_ARGUMENT', async () => {
      await book();
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherDoctor, 'Appointment:listByPatient', [IDS.patient, '', '10', '']))).toBe(
        'CONSENT_REQUIRED',
      );
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'Appointment:listByPatient', [IDS.patient, 'done', '10', '']))).toBe(
        'INVALID_ARGUMENT',
      );
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'Appointment:listByProvider', ['', '10', '']))).toBe(
        'ROLE_FORBIDDEN',
      );
    });

    it('when a grantee has appointment view consent, then it may list the patient\'s appointments', async () => {
      await book();
      await consent(world, IDS.otherDoctor, { actions: ['view'], scope: { categories: ['appointment'] } });
      const page = await evaluateJson<Page<Appointment>>(world, world.otherDoctor, 'Appointment:listByPatient', [IDS.patient, '', '10', '']);
      expect(page.items).toHaveLength(1);
    });
  });
});
