import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Level, Logger } from 'pino';
import { assignRequestId } from './request-id';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request ID (X-Request-Id, kept or made): on every log line about the request, and the problem instance. */
    id?: string;
    /** A logger whose lines carry the request (made on first use). */
    log: Logger;
  }
  interface ServerResponse {
    /** The error behind a 5xx answer, for its request log line (api/errors/error-handler.ts). */
    err?: Error;
  }
}

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

export type RequestLogger = (req: Request, res: Response, next: NextFunction) => void;

/**
 * One request log line per request (or per sampled request, see RequestLogPolicy) when it ends,
 * with the request ID, the caller's principal and auth method (never a credential). `random`
 * decides the sample.
 *
 * Written by hand rather than with pino-http, which made two or three child loggers per request
 * (each serializing the request and running the redaction walk on its bindings) whether or not
 * anything was logged: a quarter of the gateway's own CPU per call in issue 13's measurements. Here
 * the line is one call on the root logger, and `req.log` is made only when a handler logs.
 */
export function httpLogger(logger: Logger, policy: RequestLogPolicy = LOG_EVERY_REQUEST, random: () => number = Math.random): RequestLogger {
  return (req, res, next) => {
    const startedAt = Date.now();
    req.id = assignRequestId(req, res);
    let requestLog: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      get: () => (requestLog ??= logger.child({ req })),
    });
    const ended = () => {
      res.removeListener('finish', ended);
      res.removeListener('close', ended);
      logEnded(logger, req, res, Date.now() - startedAt, policy, random);
    };
    res.on('finish', ended);
    res.on('close', ended);
    next();
  };
}

function logEnded(logger: Logger, req: Request, res: Response, responseTime: number, policy: RequestLogPolicy, random: () => number): void {
  const failed = res.err !== undefined || res.statusCode >= 500;
  const level: Level | undefined = failed ? 'error' : mustLog(res, responseTime, policy) || random() < policy.sampleRate ? 'info' : undefined;
  if (level === undefined) {
    return;
  }
  const line = { req, res, responseTime, ...callerFields(req, res), ...(failed ? { err: res.err ?? new Error(`failed with status code ${res.statusCode}`) } : {}) };
  logger[level](line, failed ? 'request errored' : res.writableEnded ? 'request completed' : 'request aborted');
}

/** Refused, slow or aborted (the connection closed before the response was sent in full). */
function mustLog(res: ServerResponse, responseTime: number, policy: RequestLogPolicy): boolean {
  return res.statusCode >= 400 || responseTime >= policy.slowMs || !res.writableFinished;
}

function callerFields(req: IncomingMessage, res: ServerResponse): Record<string, string> {
  const { principal, auth } = req as Request;
  const problem = (res as { locals?: { problemCode?: string } }).locals?.problemCode;
  return {
    ...(principal === undefined ? {} : { principalId: principal.id }),
    ...(auth === undefined ? {} : { authMethod: auth.method, ...(auth.keyId === undefined ? {} : { keyId: auth.keyId }) }),
    ...(problem === undefined ? {} : { problem }),
  };
}
