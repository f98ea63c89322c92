import { MAX_VALIDITY_DAYS } from '@medledger/chaincode/client';
import { z } from 'zod';
import { ledgerOperations, readBackById } from '../../api/ledger-operations';
import { delegationModel } from '../../api/models';
import type { Operation } from '../../api/operation';
import { instant, objectId, stakeholderId } from '../../api/schemas';

const operations = ledgerOperations({ tag: 'Delegations' });
const delegationIdParams = z.object({ delegationId: objectId });

export const delegationOperations: Operation[] = [
  operations.create({
    path: '/delegations',
    operationId: 'grantDelegation',
    summary: 'Let another registered person act for you (manage consent, see your data) until validUntil',
    callers: 'patient (the delegate must be an active patient-role person)',
    transaction: 'Consent:grantDelegation',
    stepUp: true,
    body: z.object({ delegateId: stakeholderId, validUntil: instant.describe(`At most ${MAX_VALIDITY_DAYS} days ahead`) }).strict(),
    args: ({ body }) => [body.delegateId, body.validUntil],
    errors: [404],
    response: { description: 'The delegation', schema: delegationModel },
    creates: readBackById('Consent:getDelegation'),
  }),
  operations.read({
    path: '/delegations/{delegationId}',
    operationId: 'getDelegation',
    summary: 'A delegation',
    callers: 'its patient, its delegate',
    transaction: 'Consent:getDelegation',
    params: delegationIdParams,
    response: { description: 'The delegation', schema: delegationModel },
  }),
  operations.removal({
    path: '/delegations/{delegationId}',
    operationId: 'revokeDelegation',
    summary: 'End a delegation (the patient, or the delegate stepping down)',
    callers: 'its patient, its delegate',
    transaction: 'Consent:revokeDelegation',
    params: delegationIdParams,
    errors: [409],
    response: { description: 'The revoked delegation', schema: delegationModel },
  }),
  operations.list({
    path: '/me/delegations',
    operationId: 'listMyDelegations',
    summary: 'The delegations the calling patient gave (active, expired and revoked), oldest first',
    callers: 'patient',
    transaction: 'Consent:listDelegationsByPatient',
    response: { description: 'A page of delegations', item: delegationModel },
  }),
  operations.list({
    path: '/me/delegations/held',
    operationId: 'listHeldDelegations',
    summary: 'The delegations the calling person holds: whom they may act for, oldest first',
    callers: 'patient',
    transaction: 'Consent:listDelegationsByDelegate',
    response: { description: 'A page of delegations', item: delegationModel },
  }),
];
