import type { ErrorRequestHandler, Request, Response } from 'express';
import { LedgerError } from '../fabric/types';
import { codedProblem, isCodedError } from './coded-errors';
import { ledgerProblem } from './ledger-problems';
import { PROBLEM_CONTENT_TYPE, type ProblemBody } from './problem-body';
import { PROBLEMS, Problem, problemType, type ProblemCode } from './problems';

/** A problem before the request-specific members (type URI, instance) are added. */
interface Described {
  title: string;
  status: number;
  code: string;
  detail?: string;
  [extension: string]: unknown;
}

/**
 * The one error middleware: every error becomes RFC 9457 problem+json with a stable code. Unknown
 * errors become a 500 whose stack goes to the log (through pino-http) and never to the client.
 */
export function errorHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const described = describe(error);
    if (described.status >= 500) {
      res.err = error instanceof Error ? error : new Error(String(error));
    }
    sendProblem(req, res, described);
  };
}

export function sendProblem(req: Request, res: Response, described: Described): void {
  res.locals.problemCode = described.code;
  const body: ProblemBody = { type: problemType(described.code), ...described, instance: String(req.id) };
  res.status(described.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

export function describeCode(code: ProblemCode, detail?: string, extensions: Record<string, unknown> = {}): Described {
  const { status, title } = PROBLEMS[code];
  return { ...extensions, title, status, code, ...(detail === undefined ? {} : { detail }) };
}

function describe(error: unknown): Described {
  if (error instanceof Problem) {
    return describeCode(error.code, error.detail, error.extensions);
  }
  if (error instanceof LedgerError) {
    const problem = ledgerProblem(error);
    return { ...problem, ...(error.txId === undefined ? {} : { txId: error.txId }) };
  }
  if (isCodedError(error)) {
    return codedProblem(error);
  }
  return describeBodyParserError(error) ?? describeCode('INTERNAL', 'An unexpected error occurred; quote the instance when reporting it.');
}

/** express.json() failures carry a `type`; map the ones a client can fix. */
function describeBodyParserError(error: unknown): Described | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    return describeCode('PAYLOAD_TOO_LARGE');
  }
  if (type === 'entity.parse.failed') {
    return describeCode('MALFORMED_REQUEST');
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return describeCode('VALIDATION_FAILED', 'unsupported body encoding');
  }
  return undefined;
}
