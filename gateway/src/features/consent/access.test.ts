import { MAX_SALT_BYTES, MIN_SALT_BYTES } from '@medledger/chaincode/client';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Request, Response } from 'express';
import type { Principal } from '../../identity/principals/principal';
import type { LedgerCalls } from '../../ledger/ledger-calls';
import type { RestDeps } from '../../api/operation';
import { accessOperations, BREAK_GLASS_SALT_BYTES } from './access';

const breakGlass = accessOperations.find((operation) => operation.operationId === 'breakGlass');
const doctor = { id: 'prn_test', kind: 'person', role: 'doctor', stakeholderId: 'doc-test0001', mspId: 'ProvidersMSP' } as unknown as Principal;

/** Calls the break-glass handler with a ledger that only records what it was asked to submit. */
async function transientOfOneOpening(reason: string): Promise<{ reason: string; salt: string }> {
  const calls: { fn: string; args: string[]; transient?: Record<string, string> }[] = [];
  const ledger = {
    submitJson: (_principal: Principal, fn: string, args: string[], transient?: Record<string, string>) => {
      calls.push({ fn, args, transient });
      return Promise.resolve({});
    },
  } as unknown as LedgerCalls;
  const deps: RestDeps = { ledger, clock: () => new Date('2026-03-01T09:00:00Z') };
  // The handler reads neither; real (unconnected) instances stand in for them.
  const req = new IncomingMessage(new Socket()) as Request;
  const res = new ServerResponse(req) as Response;
  await breakGlass?.handle({ params: { patientId: 'pat-test0001' }, query: {}, body: { reason }, principal: doctor, deps, req, res });
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ fn: 'Consent:breakGlass', args: ['pat-test0001'] });
  return JSON.parse(calls[0]?.transient?.breakGlass ?? '{}') as { reason: string; salt: string };
}

describe('POST /patients/{patientId}/break-glass', () => {
  it('when a doctor breaks the glass, then the transient input carries the reason and a fresh 32-byte random salt each time', async () => {
    const first = await transientOfOneOpening('overdose');
    const second = await transientOfOneOpening('overdose');

    expect(BREAK_GLASS_SALT_BYTES).toBeGreaterThanOrEqual(MIN_SALT_BYTES);
    expect(BREAK_GLASS_SALT_BYTES).toBeLessThanOrEqual(MAX_SALT_BYTES);
    for (const input of [first, second]) {
      expect(Object.keys(input).sort()).toEqual(['reason', 'salt']);
      expect(input.reason).toBe('overdose');
      expect(input.salt).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(Buffer.from(input.salt, 'base64')).toHaveLength(BREAK_GLASS_SALT_BYTES);
    }
    expect(first.salt).not.toBe(second.salt);
  });
});
