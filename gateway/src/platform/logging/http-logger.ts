import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { pinoHttp, startTime, type HttpLogger } from 'pino-http';
import { assignRequestId } from './request-id';
import { requestSerializer, responseSerializer } from './serializers';

/**
 * Which requests get a request log line (the HTTP access log; the patient's access log on the
 * ledger is another thing and is never sampled). Under load one line per request is most of what
 * the gateway writes, so successful requests can be sampled; a refused, failed, slow or aborted
 * request is always logged, since those are the lines someone investigating will look for.
 */
export interface RequestLogPolicy {
  /** Share of successful (< 400), fast requests that are logged: 0 none, 1 every one. */
  readonly sampleRate: number;
  /** A request answered in this many milliseconds or more is always logged. */
  readonly slowMs: number;
}

export const LOG_EVERY_REQUEST: RequestLogPolicy = { sampleRate: 1, slowMs: 1000 };

/**
 * One request log line per request (or per sampled request, see RequestLogPolicy), with the request
 * ID, the caller's principal and auth method (never a credential). `random` decides the sample.
 */
export function httpLogger(logger: Logger, policy: RequestLogPolicy = LOG_EVERY_REQUEST, random: () => number = Math.random): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: assignRequestId,
    serializers: { req: requestSerializer, res: responseSerializer },
    customLogLevel: (_req, res, error) => {
      if (error !== undefined || res.statusCode >= 500) {
        return 'error';
      }
      return mustLog(res, policy) || random() < policy.sampleRate ? 'info' : 'silent';
    },
    customProps: callerProps,
  });
}

/** Refused, slow or aborted (the connection closed before the response was sent in full). */
function mustLog(res: ServerResponse, policy: RequestLogPolicy): boolean {
  return res.statusCode >= 400 || Date.now() - res[startTime] >= policy.slowMs || !res.writableFinished;
}

function callerProps(req: IncomingMessage, res: ServerResponse): Record<string, unknown> {
  const { principal, auth } = req as Request;
  const problem = (res as { locals?: { problemCode?: string } }).locals?.problemCode;
  return {
    ...(principal === undefined ? {} : { principalId: principal.id }),
    ...(auth === undefined ? {} : { authMethod: auth.method, ...(auth.keyId === undefined ? {} : { keyId: auth.keyId }) }),
    ...(problem === undefined ? {} : { problem }),
  };
}
