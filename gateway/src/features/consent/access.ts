import { BREAK_GLASS_MINUTES, BREAK_GLASS_REASON_MAX, utcDay } from '@medledger/chaincode/client';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { nonBlankText } from '../../api/text-schemas';
import { accessCheckModel, accessStatisticsModel, breakGlassModel, breakGlassRecordModel } from '../../api/models';
import { ledgerOperations, readBackById } from '../../api/ledger-operations';
import { defineOperation, type Operation } from '../../api/operation';
import { action, category, objectId, patientIdParams, stakeholderId } from '../../api/schemas';
import { accessLogOperations } from './access-log-operations';

/** Salt drawn for each break-glass opening: the gateway's choice between the contract's MIN_SALT_BYTES and MAX_SALT_BYTES. */
export const BREAK_GLASS_SALT_BYTES = 32;

const accessLog = ledgerOperations({ tag: 'Access log' });

/** A fresh CSPRNG salt for one break-glass reason (the chaincode cannot draw randomness). */
function breakGlassSalt(): string {
  return randomBytes(BREAK_GLASS_SALT_BYTES).toString('base64');
}

/** Break-glass, access checks and the access log: how access to patient data is opened, decided and seen. */
export const accessOperations: Operation[] = [
  defineOperation({
    method: 'post',
    path: '/patients/{patientId}/break-glass',
    operationId: 'breakGlass',
    summary: `Emergency access: open a ${BREAK_GLASS_MINUTES}-minute view-only window on a patient’s data without consent`,
    description:
      'The reason travels to the chaincode in the transient map only, with a fresh 32-byte random salt the gateway draws: both are kept in private data, the public record holds SHA-256(salt ‖ reason) (so a short reason cannot be guessed from it), and the gateway never logs either. The patient sees the opening in the access log and the break-glass list.',
    tag: 'Break-glass',
    access: { scope: 'write' },
    callers: 'active doctor',
    transaction: 'Consent:breakGlass',
    params: patientIdParams,
    body: z.object({ reason: nonBlankText(BREAK_GLASS_REASON_MAX).describe('Justification; never logged, never returned') }).strict(),
    response: { status: 201, description: 'The break-glass record (without the reason)', schema: breakGlassModel },
    creates: readBackById('Consent:getBreakGlass'),
    async handle({ principal, params, body, deps }) {
      // A CSPRNG salt per opening keeps the public hash of a short reason unguessable.
      return deps.ledger.submitJson(principal, 'Consent:breakGlass', [params.patientId], { breakGlass: JSON.stringify({ reason: body.reason, salt: breakGlassSalt() }) });
    },
  }),
  defineOperation({
    method: 'post',
    path: '/patients/{patientId}/break-glass/records/{recordId}',
    operationId: 'openBreakGlassRecord',
    summary: 'Emergency access to a very restricted (V) file: open that one file within the caller’s break-glass window, with its own reason',
    description:
      'Break-glass reaches N and R files, and a V file only after this second, separate justification (the window’s reason repeated is refused, 400 INVALID_ARGUMENT). Needs an open window (409 INVALID_STATE otherwise, also for a file that is not labelled V). The reason travels in the transient map with a fresh salt, as for break-glass; the opening lasts until the window closes. Then reads of the file stating purpose ETREAT are allowed and logged as break-glass.',
    tag: 'Break-glass',
    access: { scope: 'write' },
    callers: 'active doctor with an open break-glass window on the patient',
    transaction: 'Consent:openBreakGlassRecord',
    params: z.object({ patientId: stakeholderId, recordId: objectId }),
    body: z.object({ reason: nonBlankText(BREAK_GLASS_REASON_MAX).describe('Why this very restricted record is needed; never logged, never returned') }).strict(),
    response: { status: 200, description: 'The opening (without the reason)', schema: breakGlassRecordModel },
    async handle({ principal, params, body, deps }) {
      const transient = { breakGlassRecord: JSON.stringify({ reason: body.reason, salt: breakGlassSalt() }) };
      return deps.ledger.submitJson(principal, 'Consent:openBreakGlassRecord', [params.patientId, params.recordId], transient);
    },
  }),
  accessLog.loggedRead({
    path: '/patients/{patientId}/access-checks',
    operationId: 'checkAccess',
    summary: 'Check (and log) the caller’s access to a category or record of a patient’s data',
    description: 'Runs the chaincode’s one access decision as a submitted transaction: allowed → 200 with the basis and the access-log entry written; refused → 403 CONSENT_REQUIRED.',
    callers: 'the patient, a delegate, professionals with a grant, a doctor in a break-glass window',
    transaction: 'Consent:checkAccess',
    params: patientIdParams,
    body: z.object({ action, category, recordId: objectId.optional().describe('A single record; omit for the whole category') }).strict(),
    args: ({ params, body }) => [params.patientId, body.action, body.category, body.recordId ?? ''],
    response: { description: 'Access allowed; the decision and its log entry', schema: accessCheckModel },
  }),
  ...accessLogOperations,
  accessLog.read({
    path: '/audit/statistics',
    operationId: 'getAccessStatistics',
    summary: 'Counts of accesses on one UTC day, per basis and per accessor role (no health data)',
    callers: 'regulator',
    transaction: 'AccessLog:stats',
    query: z.object({ day: utcDay.describe('UTC day, e.g. 2026-03-01') }),
    args: ({ query }) => [query.day],
    response: { description: 'The day’s counts', schema: accessStatisticsModel },
  }),
];
