import { sha256Hex, sha256HexOfBytes } from '../lib/sha256';
import { toSortedJson } from '../lib/serialization';
import { BREAK_GLASS_MINUTES, type BreakGlassReason } from '../models/break-glass';
import type { AccessLogEntry } from '../models/access-log-entry';
import {
  BREAK_GLASS_TEST_SALT,
  IDS,
  MINUTE,
  checkAccess,
  createConsentWorld,
  eventOf,
  openBreakGlass,
  parsed,
  refusedWithoutWrite,
  type ConsentWorld,
} from '../test-support/consent';
import { patientRecord } from '../test-support/records';
import { evaluateJson } from '../test-support/world';
import * as surface from '../contract';

interface BreakGlassView {
  id: string;
  patientId: string;
  doctorId: string;
  reasonHash: string;
  openedAt: string;
  expiresAt: string;
  open: boolean;
}

const REASON = 'unconscious on arrival, suspected overdose';

let world: ConsentWorld;

beforeEach(async () => {
  world = await createConsentWorld();
});

function decode(bytes: Uint8Array | undefined): string {
  return bytes === undefined ? '' : new TextDecoder().decode(bytes);
}

const SALT_BYTES = Buffer.from(BREAK_GLASS_TEST_SALT, 'base64');

function transient(input: Record<string, unknown>): { transient: Record<string, string> } {
  return { transient: { breakGlass: JSON.stringify(input) } };
}

function storedReasons(): BreakGlassReason[] {
  return (world.ledger.toJSON().privateData.healthRecords ?? []).map((entry) => JSON.parse(decode(Buffer.from(entry.value, 'base64'))) as BreakGlassReason);
}

describe('Consent:breakGlass', () => {
  it('when a verified doctor opens break-glass with a reason, then a 60-minute window opens and the reason stays private', async () => {
    const result = await openBreakGlass(world, world.doctor, IDS.patient, REASON);
    const opened = parsed(surface.breakGlassView, result);

    expect(BREAK_GLASS_MINUTES).toBe(60);
    expect(opened).toMatchObject({ patientId: IDS.patient, doctorId: IDS.doctor, openedAt: world.at(0), expiresAt: world.at(60 * MINUTE), open: true });
    expect(opened.reasonHash).toBe(sha256HexOfBytes(SALT_BYTES, REASON));
    expect(eventOf(result)).toEqual({
      name: 'breakGlass',
      payload: { breakGlassId: opened.id, patientId: IDS.patient, doctorId: IDS.doctor, openedAt: world.at(0), expiresAt: world.at(60 * MINUTE) },
    });
    const snapshot = world.ledger.toJSON();
    const publicText = snapshot.state.map((entry) => Buffer.from(entry.value, 'base64').toString('utf8')).join('\n');
    const eventText = snapshot.events.map((event) => Buffer.from(event.payload, 'base64').toString('utf8')).join('\n');
    expect(publicText).toContain(opened.reasonHash);
    expect(publicText).not.toContain('overdose');
    expect(eventText).not.toContain('overdose');
    expect(result.payload).not.toContain('overdose');
    const privateText = (snapshot.privateData.healthRecords ?? []).map((entry) => Buffer.from(entry.value, 'base64').toString('utf8')).join('\n');
    expect(privateText).toContain(REASON);
    expect(publicText).not.toContain(SALT_BYTES.toString('hex'));
    expect(publicText).not.toContain(BREAK_GLASS_TEST_SALT);
    expect(eventText).not.toContain(SALT_BYTES.toString('hex'));
  });

  it('when someone guesses a short reason, then the public hash cannot confirm it without the private salt', async () => {
    const opened = parsed(surface.breakGlassView, await openBreakGlass(world, world.doctor, IDS.patient, 'overdose'));

    // everything a channel member sees: the public record, its ID, the patient and the doctor
    const guesses = ['overdose', 'stroke', 'trauma'].flatMap((reason) => [
      sha256Hex(toSortedJson({ breakGlassId: opened.id, reason })),
      sha256Hex(reason),
      sha256HexOfBytes(Buffer.from(opened.id), reason),
    ]);
    expect(guesses).not.toContain(opened.reasonHash);
    expect(opened.reasonHash).toBe(sha256HexOfBytes(SALT_BYTES, 'overdose'));
  });

  it('when two openings give the same reason with different salts, then their public hashes differ', async () => {
    const first = parsed(surface.breakGlassView, await openBreakGlass(world, world.doctor, IDS.patient, 'overdose', Buffer.alloc(16, 1).toString('hex')));
    const second = parsed(surface.breakGlassView, await openBreakGlass(world, world.otherDoctor, IDS.patient, 'overdose', Buffer.alloc(16, 2).toString('base64url')));
    expect(first.reasonHash).toBe(sha256HexOfBytes(Buffer.alloc(16, 1), 'overdose'));
    expect(second.reasonHash).toBe(sha256HexOfBytes(Buffer.alloc(16, 2), 'overdose'));
    expect(first.reasonHash).not.toBe(second.reasonHash);
  });

  it('when the window is open, then reads are logged with basis "break-glass" until exactly 60 minutes have passed', async () => {
    await patientRecord(world, 'img-000001', 'imaging');
    const opened = parsed(surface.breakGlassView, await openBreakGlass(world, world.doctor, IDS.patient));
    world.setTime(world.at(60 * MINUTE - 1));
    const decision = await checkAccess(world, world.doctor, IDS.patient, 'view', 'imaging', 'img-000001', 'ETREAT');
    expect(decision).toMatchObject({ basis: 'break-glass', breakGlassId: opened.id });

    const log = await evaluateJson<{ items: AccessLogEntry[] }>(world, world.patient, 'AccessLog:listMine', ['10', '']);
    expect(log.items.filter((entry) => entry.accessorId === IDS.doctor)).toEqual([expect.objectContaining({ accessorId: IDS.doctor, basis: 'break-glass', breakGlassId: opened.id, resourceId: 'img-000001' })]);

    world.setTime(world.at(1));
    expect(await refusedWithoutWrite(world, () => checkAccess(world, world.doctor, IDS.patient, 'view', 'imaging', '', 'ETREAT'))).toBe('CONSENT_REQUIRED');
    expect((await evaluateJson<BreakGlassView>(world, world.patient, 'Consent:getBreakGlass', [opened.id])).open).toBe(false);
  });

  it('when another doctor has no window of its own, then it is refused', async () => {
    await openBreakGlass(world, world.doctor, IDS.patient);
    expect(await refusedWithoutWrite(world, () => checkAccess(world, world.otherDoctor, IDS.patient, 'view', 'lab', '', 'ETREAT'))).toBe('CONSENT_REQUIRED');
  });

  it.each([
    ['no transient input', {}],
    ['an empty reason', transient({ reason: '   ', salt: BREAK_GLASS_TEST_SALT })],
    ['a reason that is not text', transient({ reason: 42, salt: BREAK_GLASS_TEST_SALT })],
    ['transient input that is not JSON', { transient: { breakGlass: 'because' } }],
    ['a reason over 2000 characters', transient({ reason: 'x'.repeat(2001), salt: BREAK_GLASS_TEST_SALT })],
    ['a reason without a salt', transient({ reason: REASON })],
    ['a salt that is not text', transient({ reason: REASON, salt: 1234567890123456 })],
    ['a salt of 15 bytes (hex)', transient({ reason: REASON, salt: Buffer.alloc(15, 7).toString('hex') })],
    ['a salt of 15 bytes (base64)', transient({ reason: REASON, salt: Buffer.alloc(15, 7).toString('base64') })],
    ['a salt over 64 bytes', transient({ reason: REASON, salt: Buffer.alloc(65, 7).toString('hex') })],
    ['a salt that is neither hex nor base64', transient({ reason: REASON, salt: 'not a salt, just words!!' })],
  ])('when break-glass comes with %s, then it is refused with INVALID_ARGUMENT and nothing is written', async (_label, options) => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.doctor, 'Consent:breakGlass', [IDS.patient], options))).toBe('INVALID_ARGUMENT');
  });

  it.each([
    ['patient', 'ROLE_FORBIDDEN'],
    ['hospital', 'ROLE_FORBIDDEN'],
    ['insurer', 'ROLE_FORBIDDEN'],
    ['regulator', 'ROLE_FORBIDDEN'],
    ['pendingDoctor', 'NOT_VERIFIED'],
  ] as const)('when the %s breaks the glass, then it is refused with %s', async (who, code) => {
    expect(await refusedWithoutWrite(world, () => openBreakGlass(world, world[who], IDS.patient))).toBe(code);
  });

  it('when an unregistered or suspended doctor breaks the glass, then NOT_REGISTERED or SUSPENDED', async () => {
    expect(await refusedWithoutWrite(world, () => openBreakGlass(world, world.identity('doctor', 'doc-ghost01'), IDS.patient))).toBe('NOT_REGISTERED');
    await world.ledger.submit(world.admin, 'Stakeholder:suspend', [IDS.doctor]);
    expect(await refusedWithoutWrite(world, () => openBreakGlass(world, world.doctor, IDS.patient))).toBe('SUSPENDED');
  });

  it('when the patient does not exist, is not a patient or the ID is malformed, then NOT_FOUND or INVALID_ARGUMENT', async () => {
    expect(await refusedWithoutWrite(world, () => openBreakGlass(world, world.doctor, 'pat-nobody1'))).toBe('NOT_FOUND');
    expect(await refusedWithoutWrite(world, () => openBreakGlass(world, world.doctor, IDS.otherDoctor))).toBe('NOT_FOUND');
    expect(await refusedWithoutWrite(world, () => openBreakGlass(world, world.doctor, 'alice'))).toBe('INVALID_ARGUMENT');
  });

  it('when a window is already open, then another is refused with INVALID_STATE; after it closes a new one opens', async () => {
    await openBreakGlass(world, world.doctor, IDS.patient);
    world.setTime(world.at(30 * MINUTE));
    expect(await refusedWithoutWrite(world, () => openBreakGlass(world, world.doctor, IDS.patient))).toBe('INVALID_STATE');
    world.setTime(world.at(30 * MINUTE));
    expect(parsed(surface.breakGlassView, await openBreakGlass(world, world.doctor, IDS.patient)).open).toBe(true);
  });
});

describe('Consent:getBreakGlass and listBreakGlassByPatient', () => {
  it('when the patient, the doctor or the regulator reads the record, then they see it without the reason; another doctor gets NOT_OWNER', async () => {
    const opened = parsed(surface.breakGlassView, await openBreakGlass(world, world.doctor, IDS.patient, REASON));
    for (const who of [world.patient, world.doctor, world.regulator]) {
      const text = await world.ledger.evaluate(who, 'Consent:getBreakGlass', [opened.id]);
      expect(JSON.parse(text)).toMatchObject({ id: opened.id });
      expect(text).not.toContain('overdose');
    }
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherDoctor, 'Consent:getBreakGlass', [opened.id]))).toBe('NOT_OWNER');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.insurer, 'Consent:getBreakGlass', [opened.id]))).toBe('ROLE_FORBIDDEN');
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.patient, 'Consent:getBreakGlass', ['bg-unknown']))).toBe('NOT_FOUND');
  });

  it('when the patient or the regulator lists openings, then they appear; another patient gets NOT_OWNER', async () => {
    const opened = parsed(surface.breakGlassView, await openBreakGlass(world, world.doctor, IDS.patient));
    for (const who of [world.patient, world.regulator]) {
      const page = await evaluateJson<{ items: BreakGlassView[] }>(world, who, 'Consent:listBreakGlassByPatient', [IDS.patient, '10', '']);
      expect(page.items.map((item) => item.id)).toEqual([opened.id]);
    }
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.otherPatient, 'Consent:listBreakGlassByPatient', [IDS.patient, '10', '']))).toBe(
      'NOT_OWNER',
    );
    expect(await refusedWithoutWrite(world, () => world.ledger.evaluate(world.doctor, 'Consent:listBreakGlassByPatient', [IDS.patient, '10', '']))).toBe(
      'ROLE_FORBIDDEN',
    );
  });

  it('when the reason and salt are read back from private data, then they reproduce the public hash', async () => {
    const opened = parsed(surface.breakGlassView, await openBreakGlass(world, world.doctor, IDS.patient, REASON));
    const stored = storedReasons();
    expect(stored).toEqual([{ breakGlassId: opened.id, reason: REASON, salt: SALT_BYTES.toString('hex') }]);
    expect(stored.map((item) => sha256HexOfBytes(Buffer.from(item.salt, 'hex'), item.reason))).toEqual([opened.reasonHash]);
  });
});
