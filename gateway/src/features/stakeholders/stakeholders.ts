import { stakeholderStatus } from '@medledger/chaincode';
import { z } from 'zod';
import { stakeholderModel } from '../../api/models';
import { defineOperation, type Operation } from '../../api/operation';
import { pageArgs, pageFromLedger, pageOf, pageQuery } from '../../api/pagination';
import { emptyBody, role, sha256, stakeholderIdParams } from '../../api/schemas';

const tag = 'Stakeholders';
const OVERSEERS = 'admin, regulator';

export const stakeholderOperations: Operation[] = [
  defineOperation({
    method: 'get',
    path: '/stakeholders',
    operationId: 'listStakeholders',
    summary: 'List stakeholders by role and status',
    tag,
    access: { scope: 'read' },
    callers: 'admin and regulator: any role and status; others: active professionals only',
    transaction: 'Stakeholder:list',
    query: pageQuery.extend({ role, status: stakeholderStatus.default('active') }),
    response: { status: 200, description: 'A page of stakeholders', schema: pageOf(stakeholderModel) },
    async handle({ principal, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Stakeholder:list', [query.role, query.status, ...pageArgs(query)]));
    },
  }),
  defineOperation({
    method: 'get',
    path: '/stakeholders/{stakeholderId}',
    operationId: 'getStakeholder',
    summary: 'A stakeholder record (pseudonymous: ID, role, organisation, status)',
    tag,
    access: { scope: 'read' },
    callers: 'any registered principal',
    transaction: 'Stakeholder:get',
    params: stakeholderIdParams,
    response: { status: 200, description: 'The stakeholder', schema: stakeholderModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Stakeholder:get', [params.stakeholderId]);
    },
  }),
  defineOperation({
    method: 'post',
    path: '/stakeholders/{stakeholderId}/verification',
    operationId: 'verifyStakeholder',
    summary: 'Verify a pending professional, recording the SHA-256 of the licence reference checked off chain',
    tag,
    access: { scope: 'write' },
    callers: OVERSEERS,
    transaction: 'Stakeholder:verify',
    params: stakeholderIdParams,
    body: z.object({ licenceHash: sha256.describe('SHA-256 (hex) of the licence reference') }).strict(),
    response: { status: 200, description: 'The stakeholder, now active', schema: stakeholderModel },
    async handle({ principal, params, body, deps }) {
      return deps.ledger.submitJson(principal, 'Stakeholder:verify', [params.stakeholderId, body.licenceHash]);
    },
  }),
  defineOperation({
    method: 'post',
    path: '/stakeholders/{stakeholderId}/suspension',
    operationId: 'suspendStakeholder',
    summary: 'Suspend an active stakeholder; every transaction it attempts is then refused',
    tag,
    access: { scope: 'write' },
    callers: OVERSEERS,
    transaction: 'Stakeholder:suspend',
    params: stakeholderIdParams,
    body: emptyBody,
    response: { status: 200, description: 'The stakeholder, now suspended', schema: stakeholderModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.submitJson(principal, 'Stakeholder:suspend', [params.stakeholderId]);
    },
  }),
  defineOperation({
    method: 'delete',
    path: '/stakeholders/{stakeholderId}/suspension',
    operationId: 'reinstateStakeholder',
    summary: 'Lift a suspension (reinstate)',
    tag,
    access: { scope: 'write' },
    callers: OVERSEERS,
    transaction: 'Stakeholder:reinstate',
    params: stakeholderIdParams,
    errors: [409],
    response: { status: 200, description: 'The stakeholder, active again', schema: stakeholderModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.submitJson(principal, 'Stakeholder:reinstate', [params.stakeholderId]);
    },
  }),
];
