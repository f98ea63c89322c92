import { z } from 'zod';
import { defineOperation, type Operation } from '../../api/operation';
import type { PlatformInfo } from '../../ledger/platform-info';

const tag = 'Operations';

/** Unauthenticated probes: /livez (the process answers), /readyz and /version (the ledger answers). */
export function probeOperations(platform: PlatformInfo): Operation[] {
  return [
    defineOperation({
      method: 'get',
      path: '/livez',
      operationId: 'getLiveness',
      summary: 'The process answers',
      tag,
      access: 'public',
      response: { status: 200, description: 'Alive', schema: z.object({ status: z.literal('ok') }) },
      handle() {
        return { status: 'ok' as const };
      },
    }),
    defineOperation({
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      summary: 'The ledger answers',
      tag,
      access: 'public',
      errors: [503],
      response: { status: 200, description: 'Ready', schema: z.object({ status: z.literal('ready') }) },
      async handle() {
        await platform.chaincodeVersion();
        return { status: 'ready' as const };
      },
    }),
    defineOperation({
      method: 'get',
      path: '/version',
      operationId: 'getVersion',
      summary: 'The chaincode version and the kind of ledger',
      tag,
      access: 'public',
      errors: [503],
      response: { status: 200, description: 'Versions', schema: z.object({ chaincode: z.string(), ledger: z.string() }) },
      async handle() {
        return { chaincode: await platform.chaincodeVersion(), ledger: platform.ledger };
      },
    }),
  ];
}
