import { toSortedJson } from '../lib/serialization';
import type { RecordedResult } from '../test-support/every-transaction';
import { runEveryTransaction } from '../test-support/every-transaction-story';
import { PLAIN_TEXT_RESULTS, TRANSACTION_RESULTS, type TransactionName } from './transactions';

/**
 * What clients receive, checked for every transaction the chaincode has: a story calls each one at
 * least once on the in-memory peer (which runs fabric-shim's own dispatch and serializer), and each
 * recorded result must be the sorted-key JSON the gateway has always parsed, and exactly the shape
 * the contract surface declares for that transaction.
 */

const SYSTEM_CONTRACT = 'org.hyperledger.fabric';

interface Metadata {
  contracts: Record<string, { transactions: { name: string }[] }>;
}

function isTransactionName(name: string): name is TransactionName {
  return Object.prototype.hasOwnProperty.call(TRANSACTION_RESULTS, name);
}

function chaincodeResults(recorded: RecordedResult[]): RecordedResult[] {
  return recorded.filter((result) => !result.transaction.startsWith(`${SYSTEM_CONTRACT}:`));
}

describe('what every transaction returns', () => {
  let recorded: RecordedResult[] = [];

  beforeAll(async () => {
    recorded = await runEveryTransaction();
  }, 120_000);

  test('when the story has run, then it called every transaction GetMetadata lists', () => {
    // Arrange
    const metadataResult = recorded.find((result) => result.transaction === `${SYSTEM_CONTRACT}:GetMetadata`);
    const metadata = JSON.parse(metadataResult?.payload ?? '{}') as Metadata;
    const called = new Set(recorded.map((result) => result.transaction));

    // Act
    const listed = Object.entries(metadata.contracts)
      .filter(([contract]) => contract !== SYSTEM_CONTRACT)
      .flatMap(([contract, { transactions }]) => transactions.map(({ name }) => `${contract}:${name}`));

    // Assert
    expect(listed.length).toBeGreaterThan(100);
    expect(listed.filter((name) => !called.has(name))).toEqual([]);
  });

  test('when a transaction returns JSON, then its keys are sorted at every level and it has no whitespace', () => {
    // Arrange
    const json = chaincodeResults(recorded).filter((result) => !PLAIN_TEXT_RESULTS.includes(result.transaction as TransactionName));

    // Act
    const unsorted = json.filter((result) => toSortedJson(JSON.parse(result.payload)) !== result.payload).map((result) => result.transaction);

    // Assert
    expect(json.length).toBeGreaterThanOrEqual(Object.keys(TRANSACTION_RESULTS).length - PLAIN_TEXT_RESULTS.length);
    expect(unsorted).toEqual([]);
  });

  test('when a transaction returns, then its result is exactly the view the contract surface declares for it', () => {
    // Arrange
    const results = chaincodeResults(recorded);

    // Act
    const mismatches = results.flatMap((result) => {
      if (!isTransactionName(result.transaction)) {
        return [`${result.transaction}: not in TRANSACTION_RESULTS`];
      }
      const schema = TRANSACTION_RESULTS[result.transaction];
      const plain = PLAIN_TEXT_RESULTS.includes(result.transaction);
      const parsed = schema.safeParse(plain ? result.payload : JSON.parse(result.payload));
      if (!parsed.success) {
        return [`${result.transaction}: ${parsed.error.message}`];
      }
      // The views strip fields they do not declare: a result with more fields would come back shorter.
      const declared = typeof parsed.data === 'string' ? parsed.data : toSortedJson(parsed.data);
      return declared === result.payload ? [] : [`${result.transaction}: returns fields its view does not declare`];
    });

    // Assert
    expect(mismatches).toEqual([]);
  });

  test('when a plain-text transaction returns, then the result is the text itself, not JSON', () => {
    // Arrange
    const plain = recorded.filter((result) => PLAIN_TEXT_RESULTS.includes(result.transaction as TransactionName));

    // Act
    const payloads = plain.map((result) => result.payload);

    // Assert
    expect(plain.map((result) => result.transaction).sort()).toEqual([...PLAIN_TEXT_RESULTS].sort());
    expect(payloads.every((payload) => payload.length > 0 && !payload.startsWith('{') && !payload.startsWith('"'))).toBe(true);
  });
});
