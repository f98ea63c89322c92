import { objectId, serviceStatus, type ServiceRequest } from '@medledger/chaincode/client';
import { z } from 'zod';
import { ledgerOperations, type LedgerInputs } from '../../api/ledger-operations';
import type { Operation } from '../../api/operation';
import { pageQuery } from '../../api/pagination';
import type { StepsOf } from '../../ledger/transaction-results';
import { serviceRequestModel } from './visit-models';

/* What the hospital-service operations share: the tag, the path parameter, the list filter and the step builder. */

export const operations = ledgerOperations({ tag: 'Hospital services' });
export const requestIdParams = z.object({ requestId: objectId });
export const listQuery = pageQuery.extend({ status: serviceStatus.optional().describe('Only requests in this status') });
export const none = (): string[] => [];

type RequestIdParams = z.output<typeof requestIdParams>;

/** A step of one request: POST /hospital-services/{requestId}/<step>, the updated request back. */
export function step<B extends z.ZodType>(
  definition: {
    path: string;
    operationId: string;
    summary: string;
    description?: string;
    callers: string;
    transaction: StepsOf<'HospitalService', ServiceRequest>;
    body: B;
    transient?: (inputs: LedgerInputs<RequestIdParams, Record<string, never>, z.output<B>>) => Record<string, string>;
  },
  args: (body: z.output<B>) => string[],
): Operation {
  return operations.step({
    ...definition,
    path: `/hospital-services/{requestId}/${definition.path}`,
    transaction: `HospitalService:${definition.transaction}`,
    params: requestIdParams,
    args: ({ params, body }) => [params.requestId, ...args(body)],
    response: { description: 'The service request', schema: serviceRequestModel },
  });
}
