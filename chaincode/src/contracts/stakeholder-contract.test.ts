import { eventOf, parsed, refusedWithoutWrite } from '../test-support/consent';
import { createWorld, evaluateJson, submitJson, T0, type World } from '../test-support/world';
import type { Stakeholder } from '../models/stakeholder';
import * as surface from '../contract';

const HASH = 'b'.repeat(64);

interface StakeholderPage {
  items: Stakeholder[];
  bookmark: string;
}

async function fresh(): Promise<World> {
  return createWorld();
}

describe('Stakeholder contract', () => {
  describe('register', () => {
    it('when a patient registers, then it is active at once and a "register" event carries ID, role and status only', async () => {
      const world = await fresh();
      const result = await world.ledger.submit(world.identity('patient', 'pat-alice01'), 'Stakeholder:register');

      const record = parsed(surface.stakeholder, result);
      expect(record).toEqual({
        id: 'pat-alice01',
        role: 'patient',
        mspId: 'ProvidersMSP',
        status: 'active',
        registeredAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
      });
      expect(eventOf(result)).toEqual({
        name: 'register',
        payload: { stakeholderId: 'pat-alice01', role: 'patient', status: 'active', at: T0.toISOString() },
      });
    });

    it.each(['doctor', 'hospital', 'pharmacy', 'insurer'] as const)('when a %s registers, then it waits for verification as pending', async (role) => {
      const world = await fresh();
      const record = await submitJson<Stakeholder>(world, world.identity(role, `${role.slice(0, 3)}-someone1`), 'Stakeholder:register');
      expect(record.status).toBe('pending');
    });

    it('when a regulator registers, then it is active', async () => {
      const world = await fresh();
      const record = await submitJson<Stakeholder>(world, world.identity('regulator', 'reg-grace01'), 'Stakeholder:register');
      expect(record.status).toBe('active');
    });

    it('when a stakeholder registers twice, then the second is refused with ALREADY_EXISTS and nothing is written', async () => {
      const world = await fresh();
      const patient = await world.actor('patient', 'pat-alice01');
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(patient, 'Stakeholder:register'))).toBe('ALREADY_EXISTS');
    });

    it('when the certificate has no MedLedger attributes, then registration is refused with IDENTITY_INVALID', async () => {
      const world = await fresh();
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.anonymous(), 'Stakeholder:register'))).toBe('IDENTITY_INVALID');
    });
  });

  describe('verify', () => {
    it('when the admin verifies a pending doctor, then it becomes active with the licence hash and a "verify" event', async () => {
      const world = await fresh();
      await world.actor('doctor', 'doc-bob0001', { verify: false });

      const result = await world.ledger.submit(world.admin, 'Stakeholder:verify', ['doc-bob0001', HASH]);

      expect(parsed(surface.stakeholder, result)).toMatchObject({ status: 'active', licenceHash: HASH, verifiedBy: 'adm-platform0', verifiedAt: T0.toISOString() });
      expect(eventOf(result)).toEqual({
        name: 'verify',
        payload: { stakeholderId: 'doc-bob0001', status: 'active', verifiedBy: 'adm-platform0', at: T0.toISOString() },
      });
    });

    it('when the regulator verifies, then it is accepted too', async () => {
      const world = await fresh();
      const regulator = await world.actor('regulator', 'reg-grace01');
      await world.actor('pharmacy', 'pha-dave001', { verify: false });
      expect((await submitJson<Stakeholder>(world, regulator, 'Stakeholder:verify', ['pha-dave001', HASH])).status).toBe('active');
    });

    it('when a doctor tries to verify, then it is refused with ROLE_FORBIDDEN', async () => {
      const world = await fresh();
      const doctor = await world.actor('doctor', 'doc-bob0001');
      await world.actor('doctor', 'doc-carol01', { verify: false });
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(doctor, 'Stakeholder:verify', ['doc-carol01', HASH]))).toBe('ROLE_FORBIDDEN');
    });

    it('when an unregistered regulator tries to verify, then it is refused with NOT_REGISTERED', async () => {
      const world = await fresh();
      await world.actor('doctor', 'doc-carol01', { verify: false });
      const regulator = world.identity('regulator', 'reg-ghost01');
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(regulator, 'Stakeholder:verify', ['doc-carol01', HASH]))).toBe('NOT_REGISTERED');
    });

    it('when a suspended regulator tries to verify, then it is refused with SUSPENDED', async () => {
      const world = await fresh();
      const regulator = await world.actor('regulator', 'reg-grace01');
      await world.ledger.submit(world.admin, 'Stakeholder:suspend', ['reg-grace01']);
      await world.actor('doctor', 'doc-carol01', { verify: false });
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(regulator, 'Stakeholder:verify', ['doc-carol01', HASH]))).toBe('SUSPENDED');
    });

    it.each([
      ['a malformed licence hash', ['doc-carol01', 'ABC']],
      ['an upper-case licence hash', ['doc-carol01', 'B'.repeat(64)]],
      ['a malformed stakeholder ID', ['Carol', HASH]],
    ])('when given %s, then it is refused with INVALID_ARGUMENT', async (_label, args) => {
      const world = await fresh();
      await world.actor('doctor', 'doc-carol01', { verify: false });
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.admin, 'Stakeholder:verify', args))).toBe('INVALID_ARGUMENT');
    });

    it('when the stakeholder does not exist, then it is refused with NOT_FOUND', async () => {
      const world = await fresh();
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.admin, 'Stakeholder:verify', ['doc-nobody1', HASH]))).toBe('NOT_FOUND');
    });

    it('when the stakeholder is already active, then it is refused with INVALID_STATE', async () => {
      const world = await fresh();
      await world.actor('doctor', 'doc-bob0001');
      await world.actor('patient', 'pat-alice01');
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.admin, 'Stakeholder:verify', ['doc-bob0001', HASH]))).toBe('INVALID_STATE');
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.admin, 'Stakeholder:verify', ['pat-alice01', HASH]))).toBe('INVALID_STATE');
    });
  });

  describe('suspend and reinstate', () => {
    it('when the admin suspends a doctor, then the doctor is refused with SUSPENDED until reinstated, and the role index follows', async () => {
      const world = await fresh();
      const doctor = await world.actor('doctor', 'doc-bob0001');

      const suspended = await world.ledger.submit(world.admin, 'Stakeholder:suspend', ['doc-bob0001']);
      expect(parsed(surface.stakeholder, suspended)).toMatchObject({ status: 'suspended', suspendedBy: 'adm-platform0' });
      expect(eventOf(suspended)).toEqual({
        name: 'suspend',
        payload: { stakeholderId: 'doc-bob0001', status: 'suspended', suspendedBy: 'adm-platform0', at: T0.toISOString() },
      });
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(doctor, 'Stakeholder:list', ['doctor', 'active', '10', '']))).toBe('SUSPENDED');
      const active = await evaluateJson<StakeholderPage>(world, world.admin, 'Stakeholder:list', ['doctor', 'active', '10', '']);
      const listedSuspended = await evaluateJson<StakeholderPage>(world, world.admin, 'Stakeholder:list', ['doctor', 'suspended', '10', '']);
      expect(active.items).toEqual([]);
      expect(listedSuspended.items.map((item) => item.id)).toEqual(['doc-bob0001']);

      const reinstated = await world.ledger.submit(world.admin, 'Stakeholder:reinstate', ['doc-bob0001']);
      expect(parsed(surface.stakeholder, reinstated).status).toBe('active');
      expect(parsed(surface.stakeholder, reinstated).suspendedBy).toBeUndefined();
      expect(eventOf(reinstated).name).toBe('reinstate');
      const activeAgain = await evaluateJson<StakeholderPage>(world, doctor, 'Stakeholder:list', ['doctor', 'active', '10', '']);
      expect(activeAgain.items.map((item) => item.id)).toEqual(['doc-bob0001']);
      expect((await evaluateJson<StakeholderPage>(world, world.admin, 'Stakeholder:list', ['doctor', 'suspended', '10', ''])).items).toEqual([]);
    });

    it('when a patient tries to suspend, then it is refused with ROLE_FORBIDDEN', async () => {
      const world = await fresh();
      const patient = await world.actor('patient', 'pat-alice01');
      await world.actor('doctor', 'doc-bob0001');
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(patient, 'Stakeholder:suspend', ['doc-bob0001']))).toBe('ROLE_FORBIDDEN');
    });

    it('when the admin suspends itself, then it is refused with INVALID_ARGUMENT', async () => {
      const world = await fresh();
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.admin, 'Stakeholder:suspend', ['adm-platform0']))).toBe('INVALID_ARGUMENT');
    });

    it('when the target is pending or already suspended, then suspension is refused with INVALID_STATE', async () => {
      const world = await fresh();
      await world.actor('doctor', 'doc-ivan001', { verify: false });
      await world.actor('doctor', 'doc-bob0001');
      await world.ledger.submit(world.admin, 'Stakeholder:suspend', ['doc-bob0001']);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.admin, 'Stakeholder:suspend', ['doc-ivan001']))).toBe('INVALID_STATE');
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.admin, 'Stakeholder:suspend', ['doc-bob0001']))).toBe('INVALID_STATE');
    });

    it('when the target of a suspension does not exist, then it is refused with NOT_FOUND', async () => {
      const world = await fresh();
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.admin, 'Stakeholder:suspend', ['doc-nobody1']))).toBe('NOT_FOUND');
    });

    it('when reinstating a stakeholder that is not suspended, then it is refused with INVALID_STATE', async () => {
      const world = await fresh();
      await world.actor('doctor', 'doc-bob0001');
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.admin, 'Stakeholder:reinstate', ['doc-bob0001']))).toBe('INVALID_STATE');
    });

    it('when a doctor tries to reinstate, then it is refused with ROLE_FORBIDDEN', async () => {
      const world = await fresh();
      const doctor = await world.actor('doctor', 'doc-bob0001');
      await world.actor('doctor', 'doc-carol01');
      await world.ledger.submit(world.admin, 'Stakeholder:suspend', ['doc-carol01']);
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(doctor, 'Stakeholder:reinstate', ['doc-carol01']))).toBe('ROLE_FORBIDDEN');
    });

    it('when reinstating with a malformed ID, then it is refused with INVALID_ARGUMENT', async () => {
      const world = await fresh();
      expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.admin, 'Stakeholder:reinstate', ['x']))).toBe('INVALID_ARGUMENT');
    });
  });

  describe('get', () => {
    it('when a pending doctor looks itself up, then it sees its pending record', async () => {
      const world = await fresh();
      const doctor = await world.actor('doctor', 'doc-ivan001', { verify: false });
      expect((await evaluateJson<Stakeholder>(world, doctor, 'Stakeholder:get', ['doc-ivan001'])).status).toBe('pending');
    });

    it('when the stakeholder does not exist or the ID is malformed, then NOT_FOUND or INVALID_ARGUMENT', async () => {
      const world = await fresh();
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.admin, 'Stakeholder:get', ['pat-nobody1']))).toBe('NOT_FOUND');
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.admin, 'Stakeholder:get', ['nobody']))).toBe('INVALID_ARGUMENT');
    });

    it('when the certificate lacks MedLedger attributes, then it is refused with IDENTITY_INVALID', async () => {
      const world = await fresh();
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.anonymous(), 'Stakeholder:get', ['adm-platform0']))).toBe('IDENTITY_INVALID');
    });
  });

  describe('list', () => {
    it('when the admin lists pending doctors page by page, then the bookmark continues where the page ended', async () => {
      const world = await fresh();
      for (const id of ['doc-aaaaaa1', 'doc-bbbbbb1', 'doc-cccccc1']) {
        await world.actor('doctor', id, { verify: false });
      }
      const first = await evaluateJson<StakeholderPage>(world, world.admin, 'Stakeholder:list', ['doctor', 'pending', '2', '']);
      expect(first.items.map((item) => item.id)).toEqual(['doc-aaaaaa1', 'doc-bbbbbb1']);
      expect(first.bookmark).not.toBe('');
      const second = await evaluateJson<StakeholderPage>(world, world.admin, 'Stakeholder:list', ['doctor', 'pending', '2', first.bookmark]);
      expect(second.items.map((item) => item.id)).toEqual(['doc-cccccc1']);
    });

    it('when a patient lists active doctors, then it may; listing patients or pending doctors is ROLE_FORBIDDEN', async () => {
      const world = await fresh();
      const patient = await world.actor('patient', 'pat-alice01');
      await world.actor('doctor', 'doc-bob0001');
      expect((await evaluateJson<StakeholderPage>(world, patient, 'Stakeholder:list', ['doctor', 'active', '10', ''])).items.map((i) => i.id)).toEqual([
        'doc-bob0001',
      ]);
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(patient, 'Stakeholder:list', ['patient', 'active', '10', '']))).toBe('ROLE_FORBIDDEN');
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(patient, 'Stakeholder:list', ['doctor', 'pending', '10', '']))).toBe('ROLE_FORBIDDEN');
    });

    it('when a pending doctor lists, then it is refused with NOT_VERIFIED', async () => {
      const world = await fresh();
      const doctor = await world.actor('doctor', 'doc-ivan001', { verify: false });
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(doctor, 'Stakeholder:list', ['doctor', 'active', '10', '']))).toBe('NOT_VERIFIED');
    });

    it.each([
      ['an unknown role', ['surgeon', 'active', '10', '']],
      ['an unknown status', ['doctor', 'deleted', '10', '']],
      ['a page size of 0', ['doctor', 'active', '0', '']],
      ['a page size over 100', ['doctor', 'active', '101', '']],
    ])('when listing with %s, then it is refused with INVALID_ARGUMENT', async (_label, args) => {
      const world = await fresh();
      expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.admin, 'Stakeholder:list', args))).toBe('INVALID_ARGUMENT');
    });
  });
});
