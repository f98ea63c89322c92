import { Context, Contract, Object as DataType, Property, Returns, Transaction } from 'fabric-contract-api';
import { MemoryLedger } from './memory-ledger';

/**
 * A contract whose transactions return an @Object, as typed contracts do. fabric-contract-api
 * serializes such a value with class-transformer's classToPlain, which the class-transformer
 * 0.4.1 release lacks; the peer then refuses every typed result and GetMetadata alike.
 */
@DataType()
class Reading {
  @Property('sensor', 'string')
  sensor = '';

  @Property('value', 'number')
  value = 0;
}

class TypedContract extends Contract {
  constructor() {
    super('Typed');
  }

  @Transaction(false)
  @Returns('Reading')
  read(_ctx: Context, sensor: string): Promise<Reading> {
    const reading = new Reading();
    reading.sensor = sensor;
    reading.value = 42;
    return Promise.resolve(reading);
  }
}

interface Metadata {
  contracts: Record<string, { transactions: { name: string; returns?: unknown }[] }>;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

function newLedger(): MemoryLedger {
  return new MemoryLedger({ contracts: [TypedContract], clock: () => new Date('2025-01-02T03:04:05Z') });
}

describe('contract metadata and typed results', () => {
  test('when a client evaluates GetMetadata, then the system contract answers with every transaction and @Object', async () => {
    // Arrange
    const ledger = newLedger();
    const client = ledger.identity({ mspId: 'ProvidersMSP', commonName: 'reader' });

    // Act
    const metadata = JSON.parse(await ledger.evaluate(client, 'org.hyperledger.fabric:GetMetadata')) as Metadata;

    // Assert
    expect(metadata.contracts.Typed?.transactions).toEqual([
      expect.objectContaining({ name: 'read', returns: { $ref: '#/components/schemas/Reading' } }),
    ]);
    expect(metadata.components.schemas.Reading?.properties).toEqual({ sensor: { type: 'string' }, value: { type: 'number' } });
  });

  test('when a transaction returns an @Object, then the client receives it as JSON', async () => {
    // Arrange
    const ledger = newLedger();
    const client = ledger.identity({ mspId: 'ProvidersMSP', commonName: 'reader' });

    // Act
    const payload = await ledger.evaluate(client, 'Typed:read', ['s-1']);

    // Assert
    expect(payload).toBe('{"sensor":"s-1","value":42}');
  });
});
