import type { AccessLogEntry } from '@medledger/chaincode/client';
import type { Response } from 'express';
import { auditEventBundleEntry } from '../../fhir/audit-event';

/** The page size an export reads the log with: the chaincode's largest. */
export const EXPORT_PAGE_SIZE = 100;

/** One page of the log as the chaincode answers it. */
export interface LogPage {
  items: AccessLogEntry[];
  bookmark: string;
}

/** The columns of the CSV export, in order; each is a field of the entry (empty when absent). */
export const CSV_COLUMNS = [
  'at',
  'outcome',
  'accessorId',
  'accessorRole',
  'action',
  'category',
  'recordId',
  'resourceType',
  'resourceId',
  'purpose',
  'basis',
  'grantId',
  'delegationId',
  'breakGlassId',
  'refusalCode',
  'id',
  'txId',
] as const satisfies readonly (keyof AccessLogEntry)[];

/** A spreadsheet reads a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled;
 * a value a spreadsheet would run as a formula is prefixed with an apostrophe, so it stays text.
 */
export function csvField(value: string): string {
  const inert = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

export function csvRow(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** An entry as a CSV row; entries written before outcomes were recorded were allowed. */
export function csvRowOf(entry: AccessLogEntry): string {
  const values: Record<string, string | undefined> = { ...entry, outcome: entry.outcome ?? 'allowed' };
  return csvRow(CSV_COLUMNS.map((column) => values[column] ?? ''));
}

/**
 * Every page of the log, newest first, from the first (already read, so a refusal is still a
 * problem answer) to the last, reading the next only when the previous is written out.
 */
async function* pagesFrom(first: LogPage, next: (bookmark: string) => Promise<LogPage>): AsyncGenerator<AccessLogEntry[]> {
  let page = first;
  yield page.items;
  while (page.bookmark !== '') {
    page = await next(page.bookmark);
    yield page.items;
  }
}

/** Writes, waiting for the socket to drain when it is full, so a long log never piles up in memory. */
async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) {
    await new Promise<void>((resolve) => res.once('drain', resolve));
  }
}

/** Streams a whole log; a failure after the first byte aborts the response, so an incomplete file never looks complete. */
async function streamLog(res: Response, body: { head: string; entry: (item: AccessLogEntry, index: number) => string; tail: string }, pages: AsyncGenerator<AccessLogEntry[]>): Promise<void> {
  try {
    await write(res, body.head);
    let index = 0;
    for await (const items of pages) {
      for (const item of items) {
        await write(res, body.entry(item, index));
        index += 1;
      }
    }
    res.end(body.tail);
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

/** What an export sends: the first page (read before any header goes out) and how to read the next. */
export interface ExportSource {
  first: LogPage;
  next: (bookmark: string) => Promise<LogPage>;
}

function exportHeaders(res: Response, contentType: string, fileName: string): void {
  res.status(200).set({
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}

/** The log as CSV: a header row, then one row per entry, newest first. */
export async function sendCsv(res: Response, source: ExportSource): Promise<void> {
  exportHeaders(res, 'text/csv; charset=utf-8; header=present', 'access-log.csv');
  await streamLog(res, { head: csvRow(CSV_COLUMNS), entry: csvRowOf, tail: '' }, pagesFrom(source.first, source.next));
}

/** The log as a FHIR R4 Bundle (collection) of AuditEvents, newest first; `timestamp` is when it was assembled. */
export async function sendAuditEvents(res: Response, source: ExportSource, timestamp: string): Promise<void> {
  exportHeaders(res, 'application/fhir+json; fhirVersion=4.0', 'access-log.audit-events.json');
  const head = `{"resourceType":"Bundle","type":"collection","timestamp":${JSON.stringify(timestamp)},"entry":[`;
  const entry = (item: AccessLogEntry, index: number) => `${index === 0 ? '' : ','}${JSON.stringify(auditEventBundleEntry(item))}`;
  await streamLog(res, { head, entry, tail: ']}' }, pagesFrom(source.first, source.next));
}
