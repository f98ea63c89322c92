import type { ErrorRequestHandler, Request, Response } from 'express';
import { FHIR_CONTENT_TYPE, isFhirPath } from '../../fhir/fhir-media';
import { fhirStatusOf, operationOutcomeOf } from '../../fhir/operation-outcome';
import { LedgerError } from '../../ledger/ledger-port';
import { CATALOG } from './catalog';
import { codedProblem, isCodedError } from './coded-errors';
import { ledgerProblem } from './ledger-problems';
import { describeCode, PROBLEM_CONTENT_TYPE, type Described, type ProblemBody } from './problem-body';
import { Problem } from './problems';

/**
 * The one error middleware: every error becomes RFC 9457 problem+json with a stable code, its
 * status, title and type from the one catalog (catalog.ts). Unknown errors become a 500 whose
 * stack goes to the log (the request log line, platform/logging/http-logger.ts) and never to the client.
 */
export function errorHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const described = describe(error, req);
    if (described.status >= 500) {
      res.err = error instanceof Error ? error : new Error(String(error));
    }
    if (described.code === 'UNSUPPORTED_CONTENT_ENCODING' && !res.hasHeader('Accept-Encoding')) {
      // RFC 9110 §15.5.16: name the codings that would have been accepted (body-parser's).
      res.set('Accept-Encoding', BODY_PARSER_CODINGS);
    }
    sendProblem(req, res, described);
  };
}

export function sendProblem(req: Request, res: Response, described: Described): void {
  res.locals.problemCode = described.code;
  if (isFhirPath(req.path)) {
    // The FHIR facade reports errors as FHIR does: an OperationOutcome with the same code (and FHIR's status for a request it cannot process).
    const status = fhirStatusOf(described);
    res.status(status).type(FHIR_CONTENT_TYPE).send(JSON.stringify(operationOutcomeOf({ ...described, status })));
    return;
  }
  const instance = String(req.id);
  const body: ProblemBody = { type: CATALOG[described.code].type, ...described, instance };
  res.status(described.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

function describe(error: unknown, req: Request): Described {
  if (error instanceof Problem) {
    return describeCode(error.code, error.detail, error.extensions);
  }
  if (error instanceof LedgerError) {
    return ledgerProblem(error);
  }
  if (isCodedError(error)) {
    return codedProblem(error);
  }
  return (
    describeBodyParserError(error, req) ??
    describeMalformedPath(error) ??
    describeCode('INTERNAL', 'An unexpected error occurred; quote the instance when reporting it.')
  );
}

/** The content codings express.json() and express.urlencoded() decode (body-parser 2). */
const BODY_PARSER_CODINGS = 'gzip, deflate, br, identity';

/** What body-parser passes to next(err): an http-errors client error, most with a `type`. */
interface BodyParserError {
  status: number;
  expose: true;
  type?: unknown;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status <= 499 && expose === true;
}

/**
 * express.json() and express.urlencoded() failures: map the ones a client can fix. A body that
 * fails to decode with its Content-Encoding (a bad gzip, deflate or brotli stream) is the one
 * without a `type`: body-parser passes on the decompression stream's error with status 400.
 */
function describeBodyParserError(error: unknown, req: Request): Described | undefined {
  if (!isBodyParserError(error)) {
    return undefined;
  }
  switch (error.type) {
    case 'entity.too.large':
      return describeCode('PAYLOAD_TOO_LARGE');
    case 'entity.parse.failed':
      return describeCode('MALFORMED_REQUEST');
    case 'encoding.unsupported':
      return describeCode('UNSUPPORTED_CONTENT_ENCODING', `send the body as ${BODY_PARSER_CODINGS}`);
    case 'charset.unsupported':
      return describeCode('VALIDATION_FAILED', 'unsupported body charset');
    case undefined:
      return error.status === 400 && isContentCoded(req) ? describeCode('CONTENT_ENCODING_INVALID', `the body is not valid ${String(req.get('content-encoding')).toLowerCase()}`) : undefined;
    default:
      return undefined;
  }
}

function isContentCoded(req: Request): boolean {
  const coding = req.get('content-encoding')?.trim().toLowerCase();
  return coding !== undefined && coding !== '' && coding !== 'identity';
}

/**
 * The router decodes path parameters with decodeURIComponent; a segment that is not UTF-8
 * (%C0%AF, %80, %ED%A0%80) throws a URIError that the router marks status 400. Any route, any
 * parameter: the client sent a malformed path.
 */
function describeMalformedPath(error: unknown): Described | undefined {
  if (error instanceof URIError && (error as { status?: unknown }).status === 400) {
    return describeCode('MALFORMED_PATH', 'percent-encode each path segment as UTF-8 (RFC 3986)');
  }
  return undefined;
}
