import { accessOutcome, type AccessLogFilter } from '@medledger/chaincode/client';
import { z } from 'zod';
import { accessLogEntryModel } from '../../api/models';
import { ledgerOperations, type LedgerInputs } from '../../api/ledger-operations';
import { defineStream, type Operation } from '../../api/operation';
import { pageQuery } from '../../api/pagination';
import { category, instant, patientIdParams, stakeholderId } from '../../api/schemas';
import { auditEventBundleSchema } from '../../fhir/audit-event';
import type { LedgerCalls } from '../../ledger/ledger-calls';
import type { Principal } from '../../identity/principals/principal';
import { EXPORT_PAGE_SIZE, sendAuditEvents, sendCsv, type ExportSource } from './access-log-export';

const accessLog = ledgerOperations({ tag: 'Access log' });

/** The log's filters as query parameters; every one optional, all given ones must hold. */
const filterFields = {
  accessor: stakeholderId.optional().describe('Only accesses by this stakeholder'),
  category: category.optional().describe('Only accesses to this data category'),
  outcome: accessOutcome.optional().describe('allowed, or refused (refused attempts are recorded too)'),
  from: instant.optional().describe('Only accesses at or after this instant'),
  to: instant.optional().describe('Only accesses at or before this instant'),
};
/*
 * Each field is checked here; that `from` is not after `to` is judged by the contract's filter
 * schema in the chaincode (400 INVALID_ARGUMENT, "from must not be after to"), because a rule
 * across two parameters is not one the OpenAPI document can state: a request the document calls
 * valid answers 400, never the 422 of a request that breaks the document.
 */
const filterQuery = z.object(filterFields);
const filteredPageQuery = pageQuery.extend(filterFields);
type FilterQuery = z.output<typeof filterQuery>;

/** The chaincode's filter argument (AccessLog:queryMine, queryForPatient): its field names, its JSON. */
function filterArgument(query: FilterQuery): string {
  const filter: AccessLogFilter = { accessorId: query.accessor, category: query.category, outcome: query.outcome, from: query.from, to: query.to };
  // JSON.stringify leaves the absent filters out.
  return JSON.stringify(filter);
}

const FILTER_DESCRIPTION =
  'Newest first. Filters (accessor, category, outcome, from, to) combine; a page reads at most `limit` entries of the log, so with several filters a page may hold fewer (even none) while nextCursor is not null: follow it until it is.';

/** How an export reads the log: one caller, one transaction, its arguments before the page's. */
function exportSource(ledger: LedgerCalls, principal: Principal, read: { transaction: 'AccessLog:queryMine' | 'AccessLog:queryForPatient'; args: string[] }) {
  const page = (bookmark: string) => ledger.evaluateJson(principal, read.transaction, [...read.args, String(EXPORT_PAGE_SIZE), bookmark]);
  return async (): Promise<ExportSource> => ({ first: await page(''), next: page });
}

const csvResponse = { status: 200, description: 'The log as CSV (RFC 4180, a header row, newest first)', schema: z.string(), contentType: 'text/csv' } as const;
const auditEventsResponse = { status: 200, description: 'The log as a FHIR R4 Bundle of AuditEvents, newest first', schema: auditEventBundleSchema, contentType: 'application/fhir+json' } as const;

/** The log of one patient: the patient's own (/me) and, for a delegate or the regulator, by patient ID. */
interface LogVariant {
  base: string;
  idPrefix: string;
  summaryOf: string;
  callers: string;
  transaction: 'AccessLog:queryMine' | 'AccessLog:queryForPatient';
  params?: typeof patientIdParams;
  args(params: unknown, query: FilterQuery): string[];
}

const VARIANTS: LogVariant[] = [
  {
    base: '/me/access-log',
    idPrefix: 'My',
    summaryOf: 'The calling patient’s access log',
    callers: 'patient',
    transaction: 'AccessLog:queryMine',
    args: (_params, query) => [filterArgument(query)],
  },
  {
    base: '/patients/{patientId}/access-log',
    idPrefix: 'Patient',
    summaryOf: 'Who accessed a patient’s data, or was refused, when, why and on what basis',
    callers: 'the patient, a delegate, the regulator',
    transaction: 'AccessLog:queryForPatient',
    params: patientIdParams,
    args: (params, query) => [(params as { patientId: string }).patientId, filterArgument(query)],
  },
];

function variantOperations(variant: LogVariant): Operation[] {
  const exportOf = (path: string, operationId: string, what: string, response: typeof csvResponse | typeof auditEventsResponse, send: 'csv' | 'fhir') =>
    defineStream({
      method: 'get',
      path: `${variant.base}/${path}`,
      operationId,
      summary: `${variant.summaryOf}, as ${what} (the same filters)`,
      description: 'The whole filtered log, newest first, streamed page by page; a failure after the first byte aborts the response.',
      tag: 'Access log',
      access: { scope: 'read' },
      callers: variant.callers,
      transaction: variant.transaction,
      ...(variant.params === undefined ? {} : { params: variant.params }),
      query: filterQuery,
      response,
      async handle({ principal, params, query, deps, res }) {
        const source = await exportSource(deps.ledger, principal, { transaction: variant.transaction, args: variant.args(params, query) })();
        await (send === 'csv' ? sendCsv(res, source) : sendAuditEvents(res, source, deps.clock().toISOString()));
      },
    });
  return [
    accessLog.list({
      path: variant.base,
      operationId: `list${variant.idPrefix}AccessLog`,
      summary: `${variant.summaryOf} (newest first, filtered)`,
      description: FILTER_DESCRIPTION,
      callers: variant.callers,
      transaction: variant.transaction,
      ...(variant.params === undefined ? {} : { params: variant.params }),
      query: filteredPageQuery,
      args: ({ params, query }: LedgerInputs<unknown, FilterQuery, unknown>) => variant.args(params, query),
      response: { description: 'A page of access-log entries', item: accessLogEntryModel },
    }),
    exportOf('export.csv', `export${variant.idPrefix}AccessLogCsv`, 'CSV', csvResponse, 'csv'),
    exportOf('audit-events', `export${variant.idPrefix}AccessLogAuditEvents`, 'FHIR AuditEvents', auditEventsResponse, 'fhir'),
  ];
}

/** The access log's list and its two exports, for the patient and by patient ID. */
export const accessLogOperations: Operation[] = VARIANTS.flatMap(variantOperations);
