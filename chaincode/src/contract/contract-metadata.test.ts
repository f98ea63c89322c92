import { z } from 'zod';
import { metadataShape, zodJsonShape, type Shape } from '../test-support/schema-shapes';
import { createWorld } from '../test-support/world';
import { PLAIN_TEXT_RESULTS, TRANSACTION_RESULTS, type TransactionName } from './transactions';

/**
 * org.hyperledger.fabric:GetMetadata, as a client asks a peer for it, against the contract
 * surface. Every transaction GetMetadata lists must declare what it returns, and that declaration
 * (the @Object that lib/result-objects.ts registers under that name) must say what the view says:
 * the same property names, required-ness and primitive types. The list comes from GetMetadata,
 * so a new transaction is checked the moment it exists.
 */

const SYSTEM_CONTRACT = 'org.hyperledger.fabric';

type JsonSchema = Record<string, unknown>;

interface Metadata {
  contracts: Record<string, { transactions: { name: string; tag?: string[]; returns?: JsonSchema }[] }>;
  components: { schemas: Record<string, JsonSchema> };
}

interface Declared {
  name: string;
  returns: JsonSchema | undefined;
}

async function metadata(): Promise<Metadata> {
  const world = await createWorld();
  return JSON.parse(await world.ledger.evaluate(world.admin, `${SYSTEM_CONTRACT}:GetMetadata`)) as Metadata;
}

function transactionsOf(served: Metadata): Declared[] {
  return Object.entries(served.contracts)
    .filter(([contract]) => contract !== SYSTEM_CONTRACT)
    .flatMap(([contract, { transactions }]) => transactions.map((transaction) => ({ name: `${contract}:${transaction.name}`, returns: transaction.returns })));
}

function surfaceShape(name: string): Shape | string {
  const view = Object.prototype.hasOwnProperty.call(TRANSACTION_RESULTS, name) ? TRANSACTION_RESULTS[name as TransactionName] : undefined;
  return view === undefined ? 'not in TRANSACTION_RESULTS' : zodJsonShape(z.toJSONSchema(view));
}

describe('GetMetadata against the contract surface', () => {
  let served: Metadata;
  let declared: Declared[];

  beforeAll(async () => {
    served = await metadata();
    declared = transactionsOf(served);
  }, 60_000);

  test('when a client reads GetMetadata, then every transaction declares what it returns', () => {
    // Arrange
    const untyped = declared.filter((transaction) => transaction.returns === undefined);

    // Act
    const stringly = declared.filter((transaction) => transaction.returns?.type === 'string').map((transaction) => transaction.name);

    // Assert
    expect(declared.length).toBeGreaterThan(100);
    expect(untyped.map((transaction) => transaction.name)).toEqual([]);
    // 'string' is honest only for the results that are plain text, never for JSON.
    expect(stringly.sort()).toEqual([...PLAIN_TEXT_RESULTS].sort());
  });

  test('when GetMetadata declares a result, then it has the shape of the transaction view on the contract surface', () => {
    // Arrange
    const typed = declared.filter((transaction) => transaction.returns !== undefined);

    // Act
    const fromMetadata = Object.fromEntries(typed.map(({ name, returns }) => [name, metadataShape(returns ?? {}, served.components.schemas)]));
    const fromSurface = Object.fromEntries(typed.map(({ name }) => [name, surfaceShape(name)]));

    // Assert
    expect(fromMetadata).toEqual(fromSurface);
  });

  test('when the contract surface lists a transaction result, then the chaincode has that transaction', () => {
    // Arrange
    const served = new Set(declared.map((transaction) => transaction.name));

    // Act
    const stale = Object.keys(TRANSACTION_RESULTS).filter((name) => !served.has(name));

    // Assert
    expect(stale).toEqual([]);
  });
});
