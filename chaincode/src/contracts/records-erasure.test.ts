import type { PatientErasure } from '../models/patient-erasure';
import { publicState } from '../test-support/care';
import { createConsentWorld, DAY, eventOf, IDS, parsed, refusedWithoutWrite, type ConsentWorld } from '../test-support/consent';
import { createFile, publicText, SECRET } from '../test-support/records';

describe('Records:recordErasure', () => {
  let world: ConsentWorld;

  beforeEach(async () => {
    world = await createConsentWorld();
  });

  it('when the patient records an erasure after erasing files, then a public record without personal data counts the erased files and an event is emitted', async () => {
    await createFile(world, world.patient, 'fil-erase001', IDS.patient);
    await createFile(world, world.patient, 'fil-erase002', IDS.patient);
    await createFile(world, world.patient, 'fil-keep0001', IDS.patient);
    await world.ledger.submit(world.patient, 'Records:erasePrivateData', ['fil-erase001']);
    await world.ledger.submit(world.patient, 'Records:erasePrivateData', ['fil-erase002']);
    world.setTime(world.at(DAY));

    const result = await world.ledger.submit(world.patient, 'Records:recordErasure', [IDS.patient]);

    const erasedAt = world.now().toISOString();
    const expected: PatientErasure = { patientId: IDS.patient, erasedAt, filesErased: 2 };
    expect(parsed<PatientErasure>(result)).toEqual(expected);
    expect(publicState<PatientErasure>(world, 'patientErasure', [IDS.patient])).toEqual(expected);
    expect(eventOf(result)).toEqual({ name: 'recordErasure', payload: { patientId: IDS.patient, erasedAt, filesErased: 2 } });
    expect(publicText(world)).not.toContain(SECRET.fileName);
  });

  it('when the patient has no files, then the erasure is still recorded with zero files', async () => {
    const result = await world.ledger.submit(world.patient, 'Records:recordErasure', [IDS.patient]);

    expect(parsed<PatientErasure>(result)).toMatchObject({ patientId: IDS.patient, filesErased: 0 });
  });

  it('when the erasure is recorded again later, then the record is updated with the new time', async () => {
    await world.ledger.submit(world.patient, 'Records:recordErasure', [IDS.patient]);
    world.setTime(world.at(DAY));

    await world.ledger.submit(world.patient, 'Records:recordErasure', [IDS.patient]);

    expect(publicState<PatientErasure>(world, 'patientErasure', [IDS.patient])?.erasedAt).toBe(world.now().toISOString());
  });

  it.each([
    ['another patient', 'otherPatient', 'NOT_OWNER'],
    ['a delegate of the patient', 'delegate', 'NOT_OWNER'],
    ['a doctor', 'doctor', 'ROLE_FORBIDDEN'],
    ['a regulator', 'regulator', 'ROLE_FORBIDDEN'],
  ] as const)('when %s records an erasure for the patient, then it is refused with %s and nothing is written', async (_label, who, code) => {
    await world.ledger.submit(world.patient, 'Consent:grantDelegation', [IDS.delegate, world.at(30 * DAY)]);

    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world[who], 'Records:recordErasure', [IDS.patient]))).toBe(code);
  });

  it('when the patient ID is malformed, then it is refused with INVALID_ARGUMENT', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.patient, 'Records:recordErasure', ['Alice Smith']))).toBe('INVALID_ARGUMENT');
  });

  it('when a caller without MedLedger attributes records an erasure, then it is refused', async () => {
    expect(await refusedWithoutWrite(world, () => world.ledger.submit(world.anonymous(), 'Records:recordErasure', [IDS.patient]))).toBe('IDENTITY_INVALID');
  });
});
