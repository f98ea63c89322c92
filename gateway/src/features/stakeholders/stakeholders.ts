import { stakeholderStatus } from '@medledger/chaincode/client';
import { z } from 'zod';
import { stakeholderModel } from '../../api/models';
import { ledgerOperations } from '../../api/ledger-operations';
import type { Operation } from '../../api/operation';
import { pageQuery } from '../../api/pagination';
import { role, sha256, stakeholderIdParams } from '../../api/schemas';

const operations = ledgerOperations({ tag: 'Stakeholders' });
const OVERSEERS = 'admin, regulator';

export const stakeholderOperations: Operation[] = [
  operations.list({
    path: '/stakeholders',
    operationId: 'listStakeholders',
    summary: 'List stakeholders by role and status',
    callers: 'admin and regulator: any role and status; others: active professionals only',
    transaction: 'Stakeholder:list',
    query: pageQuery.extend({ role, status: stakeholderStatus.default('active') }),
    args: ({ query }) => [query.role, query.status],
    response: { description: 'A page of stakeholders', item: stakeholderModel },
  }),
  operations.read({
    path: '/stakeholders/{stakeholderId}',
    operationId: 'getStakeholder',
    summary: 'A stakeholder record (pseudonymous: ID, role, organisation, status)',
    callers: 'any registered principal',
    transaction: 'Stakeholder:get',
    params: stakeholderIdParams,
    response: { description: 'The stakeholder', schema: stakeholderModel },
  }),
  operations.step({
    path: '/stakeholders/{stakeholderId}/verification',
    operationId: 'verifyStakeholder',
    summary: 'Verify a pending professional, recording the SHA-256 of the licence reference checked off chain',
    callers: OVERSEERS,
    transaction: 'Stakeholder:verify',
    params: stakeholderIdParams,
    body: z.object({ licenceHash: sha256.describe('SHA-256 (hex) of the licence reference') }).strict(),
    args: ({ params, body }) => [params.stakeholderId, body.licenceHash],
    response: { description: 'The stakeholder, now active', schema: stakeholderModel },
  }),
  operations.step({
    path: '/stakeholders/{stakeholderId}/suspension',
    operationId: 'suspendStakeholder',
    summary: 'Suspend an active stakeholder; every transaction it attempts is then refused',
    callers: OVERSEERS,
    transaction: 'Stakeholder:suspend',
    params: stakeholderIdParams,
    response: { description: 'The stakeholder, now suspended', schema: stakeholderModel },
  }),
  operations.removal({
    path: '/stakeholders/{stakeholderId}/suspension',
    operationId: 'reinstateStakeholder',
    summary: 'Lift a suspension (reinstate)',
    callers: OVERSEERS,
    transaction: 'Stakeholder:reinstate',
    params: stakeholderIdParams,
    errors: [409],
    response: { description: 'The stakeholder, active again', schema: stakeholderModel },
  }),
];
