import { REFUSALS_BEFORE_NOTICE, REPEATED_REFUSALS_ALERT } from '@medledger/chaincode/client';
import type { LedgerEvent } from '../../ledger/ledger-events';
import { routeEvent } from './event-router';

function refusalEvent(payload: Record<string, unknown>): LedgerEvent {
  return { eventName: 'recordRefusal', payload: Buffer.from(JSON.stringify(payload)), transactionId: 'tx-1', blockNumber: 7n };
}

const BASE = { logEntryId: 'log-1', patientId: 'pat-000000000002', accessorId: 'doc-000000000001', outcome: 'refused', at: '2026-03-01T09:00:00.000Z' };

describe('the notification rule for refused accesses', () => {
  it(`when the chaincode marks the ${REFUSALS_BEFORE_NOTICE}th refusal of the day, then the patient (only) is notified`, async () => {
    const routed = await routeEvent(refusalEvent({ ...BASE, patientAlert: REPEATED_REFUSALS_ALERT }), () => Promise.resolve(undefined));

    expect(routed.notices).toEqual([{ type: 'access.refused-repeatedly', priority: 'normal', stakeholderIds: [BASE.patientId] }]);
    expect(routed.subject).toMatchObject({ patientId: BASE.patientId, accessorId: BASE.accessorId, outcome: 'refused' });
  });

  it('when a refusal is not marked, then nobody is notified', async () => {
    expect((await routeEvent(refusalEvent(BASE), () => Promise.resolve(undefined))).notices).toEqual([]);
  });
});
