import { MAX_VALIDITY_DAYS } from '@medledger/chaincode';
import { z } from 'zod';
import { delegationModel } from '../../api/models';
import { defineOperation, type Operation } from '../../api/operation';
import { instant, objectId, stakeholderId } from '../../api/schemas';

const tag = 'Delegations';
const delegationIdParams = z.object({ delegationId: objectId });

export const delegationOperations: Operation[] = [
  defineOperation({
    method: 'post',
    path: '/delegations',
    operationId: 'grantDelegation',
    summary: 'Let another registered person act for you (manage consent, see your data) until validUntil',
    tag,
    access: { scope: 'write' },
    callers: 'patient (the delegate must be an active patient-role person)',
    transaction: 'Consent:grantDelegation',
    body: z.object({ delegateId: stakeholderId, validUntil: instant.describe(`At most ${MAX_VALIDITY_DAYS} days ahead`) }).strict(),
    errors: [404],
    response: { status: 201, description: 'The delegation', schema: delegationModel },
    creates: { readBack: (delegation) => ({ transaction: 'Consent:getDelegation', args: [delegation.id] }) },
    async handle({ principal, body, deps }) {
      return deps.ledger.submitJson(principal, 'Consent:grantDelegation', [body.delegateId, body.validUntil]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/delegations/{delegationId}',
    operationId: 'getDelegation',
    summary: 'A delegation',
    tag,
    access: { scope: 'read' },
    callers: 'its patient, its delegate',
    transaction: 'Consent:getDelegation',
    params: delegationIdParams,
    response: { status: 200, description: 'The delegation', schema: delegationModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Consent:getDelegation', [params.delegationId]);
    },
  }),
  defineOperation({
    method: 'delete',
    path: '/delegations/{delegationId}',
    operationId: 'revokeDelegation',
    summary: 'End a delegation (the patient, or the delegate stepping down)',
    tag,
    access: { scope: 'write' },
    callers: 'its patient, its delegate',
    transaction: 'Consent:revokeDelegation',
    params: delegationIdParams,
    errors: [409],
    response: { status: 200, description: 'The revoked delegation', schema: delegationModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.submitJson(principal, 'Consent:revokeDelegation', [params.delegationId]);
    },
  }),
];
