import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { assignRequestId } from './request-id';
import { requestSerializer, responseSerializer } from './serializers';

/** One access log line per request, with the request ID, the caller's principal and auth method (never a credential). */
export function httpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: assignRequestId,
    serializers: { req: requestSerializer, res: responseSerializer },
    customLogLevel: (_req, res, error) => (error !== undefined || res.statusCode >= 500 ? 'error' : 'info'),
    customProps: callerProps,
  });
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
