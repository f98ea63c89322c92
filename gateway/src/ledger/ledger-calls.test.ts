import { TRANSACTION_RESULTS } from '@medledger/chaincode/client';
import { RestMetrics } from '../api/metrics';
import type { Principal } from '../identity/principals/principal';
import { LedgerCalls } from './ledger-calls';
import type { LedgerClient } from './ledger-port';
import { LedgerResponseInvalidError } from './transaction-results';

const caller: Principal = { id: 'prn_caller', kind: 'person', role: 'patient', stakeholderId: 'pat-000000000001', mspId: 'ProvidersMSP', displayName: 'Caller', createdAt: '2026-01-01T00:00:00.000Z' };

const STAKEHOLDER = {
  id: 'pat-000000000001',
  mspId: 'ProvidersMSP',
  registeredAt: '2026-01-01T00:00:00Z',
  role: 'patient',
  status: 'active',
  updatedAt: '2026-01-01T00:00:00Z',
};

/** A ledger that answers every call with one fixed payload. */
function answering(payload: string): LedgerClient {
  return {
    submit: () => Promise.resolve({ txId: 'tx-1', payload }),
    evaluate: () => Promise.resolve(payload),
    settle: () => Promise.reject(new Error('unused')),
    close: () => Promise.resolve(),
  };
}

async function errorCount(metrics: RestMetrics, code: string): Promise<number> {
  const { values } = await metrics.ledgerErrors.get();
  return values.filter((value) => value.labels.code === code).reduce((sum, value) => sum + value.value, 0);
}

describe('LedgerCalls, the one path to the ledger', () => {
  it('when a result matches the contract surface, then it comes back typed, without the fields the surface does not describe', async () => {
    const calls = new LedgerCalls(answering(JSON.stringify({ ...STAKEHOLDER, internal: 'x' })), new RestMetrics());

    const stakeholder = await calls.evaluateJson(caller, 'Stakeholder:get', [caller.stakeholderId]);

    expect(stakeholder).toEqual(STAKEHOLDER);
  });

  it('when a submit is asked for its transaction ID, then the ID comes with the checked result', async () => {
    const calls = new LedgerCalls(answering(JSON.stringify(STAKEHOLDER)), new RestMetrics());

    await expect(calls.submitWithTxId(caller, 'Stakeholder:register')).resolves.toEqual({ txId: 'tx-1', result: STAKEHOLDER });
  });

  it.each([
    ['a field of the wrong type', JSON.stringify({ ...STAKEHOLDER, role: 'surgeon' })],
    ['a required field missing', JSON.stringify({ ...STAKEHOLDER, mspId: undefined })],
    ['a payload that is not JSON', 'not json'],
    ['an empty payload', ''],
  ])('when the chaincode answers with %s, then the call fails with LEDGER_RESPONSE_INVALID and the failure is counted', async (_label, payload) => {
    const metrics = new RestMetrics();
    const calls = new LedgerCalls(answering(payload), metrics);

    await expect(calls.evaluateJson(caller, 'Stakeholder:get', [caller.stakeholderId])).rejects.toBeInstanceOf(LedgerResponseInvalidError);
    await expect(calls.submitJson(caller, 'Stakeholder:register')).rejects.toMatchObject({ code: 'LEDGER_RESPONSE_INVALID' });
    expect(await errorCount(metrics, 'LEDGER_RESPONSE_INVALID')).toBe(2);
  });

  it('when a result is plain text by contract (Platform), then the text itself is checked, not parsed as JSON', async () => {
    const calls = new LedgerCalls(answering('1.4.0'), new RestMetrics());

    await expect(calls.evaluateJson(caller, 'Platform:getVersion')).resolves.toBe('1.4.0');
    await expect(new LedgerCalls(answering(''), new RestMetrics()).evaluateJson(caller, 'Platform:getVersion')).rejects.toBeInstanceOf(LedgerResponseInvalidError);
  });

  it('when any transaction answers something outside its schema, then it is refused (every entry of the contract surface is enforced)', async () => {
    const transactions = Object.keys(TRANSACTION_RESULTS) as (keyof typeof TRANSACTION_RESULTS)[];

    for (const transaction of transactions) {
      const plainText = TRANSACTION_RESULTS[transaction].def.type === 'string';
      const calls = new LedgerCalls(answering(plainText ? '' : JSON.stringify({ unexpected: true })), new RestMetrics());
      await expect(calls.evaluateJson(caller, transaction)).rejects.toBeInstanceOf(LedgerResponseInvalidError);
    }
    expect(transactions.length).toBeGreaterThan(100);
  });
});
