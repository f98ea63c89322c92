import { refusedAccessTag } from '@medledger/chaincode/client';
import { RestMetrics } from '../api/metrics';
import type { Principal } from '../identity/principals/principal';
import { chaincodeRefusal } from './chaincode-refusal';
import { LedgerCalls, RECORD_REFUSAL } from './ledger-calls';
import { LedgerError, type LedgerClient, type LedgerLogger } from './ledger-port';

const doctor: Principal = { id: 'prn_doc', kind: 'person', role: 'doctor', stakeholderId: 'doc-000000000001', mspId: 'ProvidersMSP', displayName: 'Doc', createdAt: '2026-01-01T00:00:00.000Z' };
const REFUSED = { patientId: 'pat-000000000002', action: 'view', category: 'lab', recordId: 'fil-000001' } as const;
const TAGGED = `chaincode response 500, CONSENT_REQUIRED: doc-000000000001 has no consent to view lab record fil-000001 of patient pat-000000000002${refusedAccessTag(REFUSED)}`;

interface Call {
  fn: string;
  args: string[] | undefined;
  transient: Record<string, string> | undefined;
}

/** A ledger that refuses every call but the refusal's recording, which `recording` decides. */
function refusingLedger(recording: () => Promise<{ txId: string; payload: string }>): { ledger: LedgerClient; calls: Call[] } {
  const calls: Call[] = [];
  const refusal = () => Promise.reject(chaincodeRefusal(TAGGED, 'tx-refused') ?? new Error('no refusal'));
  const ledger: LedgerClient = {
    submit: (_principal, fn, args, transient) => {
      calls.push({ fn, args, transient });
      return fn === RECORD_REFUSAL ? recording() : refusal();
    },
    evaluate: (_principal, fn, args) => {
      calls.push({ fn, args, transient: undefined });
      return refusal();
    },
    settle: () => Promise.reject(new Error('unused')),
    close: () => Promise.resolve(),
  };
  return { ledger, calls };
}

function recordingLogger(): LedgerLogger & { warnings: Record<string, unknown>[] } {
  const warnings: Record<string, unknown>[] = [];
  return { warnings, debug: () => undefined, info: () => undefined, warn: (fields) => warnings.push(fields) };
}

const ENTRY = JSON.stringify({
  accessorId: doctor.stakeholderId,
  accessorRole: 'doctor',
  action: 'view',
  at: '2026-03-01T09:00:00.000Z',
  category: 'lab',
  id: 'log-000000000000000000000001-00000000',
  outcome: 'refused',
  patientId: REFUSED.patientId,
  purpose: 'TREAT',
  recordId: 'fil-000001',
  refusalCode: 'CONSENT_REQUIRED',
  resourceId: 'fil-000001',
  resourceType: 'record',
  txId: 'tx-2',
});

describe('a refused call is recorded as its own transaction', () => {
  it('when the chaincode refuses with a tagged CONSENT_REQUIRED, then the message loses the tag and the error keeps the query', () => {
    const error = chaincodeRefusal(TAGGED);

    expect(error).toBeInstanceOf(LedgerError);
    expect(error?.message).toBe('CONSENT_REQUIRED: doc-000000000001 has no consent to view lab record fil-000001 of patient pat-000000000002');
    expect(error?.refusedAccess).toEqual(REFUSED);
  });

  it('when a submitted read is refused, then recordRefusal goes out as the same caller with the stated purpose only, and the refusal is still thrown', async () => {
    const { ledger, calls } = refusingLedger(() => Promise.resolve({ txId: 'tx-2', payload: ENTRY }));

    await expect(
      new LedgerCalls(ledger, new RestMetrics()).submitJson(doctor, 'Records:accessFile', ['fil-000001', '1'], { purposeOfUse: 'TREAT', breakGlass: 'secret' }),
    ).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });

    expect(calls.map((call) => call.fn)).toEqual(['Records:accessFile', RECORD_REFUSAL]);
    expect(calls[1]).toEqual({ fn: RECORD_REFUSAL, args: [REFUSED.patientId, 'view', 'lab', 'fil-000001', '', ''], transient: { purposeOfUse: 'TREAT' } });
  });

  it('when an evaluated read is refused, then it is recorded too, with no transient map', async () => {
    const { ledger, calls } = refusingLedger(() => Promise.resolve({ txId: 'tx-2', payload: ENTRY }));

    await expect(new LedgerCalls(ledger, new RestMetrics()).evaluateJson(doctor, 'Records:listFiles', [REFUSED.patientId, '10', ''])).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });

    expect(calls[1]).toMatchObject({ fn: RECORD_REFUSAL, transient: undefined });
  });

  it('when recording fails, then the original refusal is still what the caller gets, and a warning names codes only', async () => {
    const logger = recordingLogger();
    const { ledger } = refusingLedger(() => Promise.reject(new LedgerError('NETWORK_UNAVAILABLE', 'peer down at 10.0.0.7')));

    await expect(new LedgerCalls(ledger, new RestMetrics(), logger).submitJson(doctor, 'Records:accessFile', ['fil-000001', '1'])).rejects.toMatchObject({
      code: 'CONSENT_REQUIRED',
    });

    expect(logger.warnings).toEqual([{ transaction: RECORD_REFUSAL, refusedTransaction: 'Records:accessFile', code: 'NETWORK_UNAVAILABLE' }]);
    expect(JSON.stringify(logger.warnings)).not.toContain(REFUSED.patientId);
  });

  it('when a refusal carries no tag (another code), then nothing is recorded', async () => {
    const calls: string[] = [];
    const ledger: LedgerClient = {
      submit: (_principal, fn) => {
        calls.push(fn);
        return Promise.reject(new LedgerError('NOT_OWNER', 'NOT_OWNER: not yours'));
      },
      evaluate: () => Promise.reject(new Error('unused')),
      settle: () => Promise.reject(new Error('unused')),
      close: () => Promise.resolve(),
    };

    await expect(new LedgerCalls(ledger, new RestMetrics()).submitJson(doctor, 'Consent:revoke', ['grt-1'])).rejects.toMatchObject({ code: 'NOT_OWNER' });
    expect(calls).toEqual(['Consent:revoke']);
  });
});
