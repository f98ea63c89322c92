import { createWorld, refusalCode } from '../test-support/world';
import { CHAINCODE_VERSION } from './platform-contract';

describe('Platform contract', () => {
  it('when the version is queried, then the deployed chaincode version is returned without a write', async () => {
    const world = await createWorld();
    const heightBefore = world.ledger.blockHeight();

    const version = await world.ledger.evaluate(world.identity('patient', 'pat-version1'), 'Platform:getVersion');

    expect(version).toBe(CHAINCODE_VERSION);
    expect(world.ledger.blockHeight()).toBe(heightBefore);
  });

  it('when a MedLedger identity pings, then the ping is stored and a "ping" event carries its transaction ID', async () => {
    const world = await createWorld();
    const patient = world.identity('patient', 'pat-pinger01');

    const result = await world.ledger.submit(patient, 'Platform:ping', ['smoke']);

    expect(result.payload).toBe(result.txId);
    expect(result.event?.eventName).toBe('ping');
    const payload = JSON.parse(new TextDecoder().decode(result.event?.payload)) as Record<string, string>;
    expect(payload).toEqual({ at: world.now().toISOString(), by: 'pat-pinger01', label: 'smoke', txId: result.txId });
  });

  it('when the certificate lacks the MedLedger attributes, then the ping is refused and nothing is written', async () => {
    const world = await createWorld();
    const eventsBefore = world.ledger.events().length;

    const code = await refusalCode(world.ledger.submit(world.anonymous(), 'Platform:ping', ['smoke']));

    expect(code).toBe('IDENTITY_INVALID');
    expect(world.ledger.events()).toHaveLength(eventsBefore);
  });

  it('when a Payers certificate claims a Providers role, then the ping is refused', async () => {
    const world = await createWorld();
    const forged = world.ledger.identity({
      mspId: 'PayersMSP',
      commonName: 'forged',
      attributes: { 'medledger.role': 'doctor', 'medledger.id': 'doc-forged01' },
    });

    expect(await refusalCode(world.ledger.submit(forged, 'Platform:ping', ['smoke']))).toBe('IDENTITY_INVALID');
  });

  it('when the label is empty, then the ping is refused as invalid input', async () => {
    const world = await createWorld();

    const code = await refusalCode(world.ledger.submit(world.identity('doctor', 'doc-pinger01'), 'Platform:ping', ['  ']));

    expect(code).toBe('INVALID_ARGUMENT');
  });
});
