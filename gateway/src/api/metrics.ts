import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of the REST API, in a registry of its own (so several apps in one process,
 * e.g. tests, never collide). Served at GET /metrics to callers with the `admin` scope.
 */
export class RestMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'medledger_http_request_duration_seconds',
    help: 'REST API request duration by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly ledgerDuration = new Histogram({
    name: 'medledger_ledger_call_duration_seconds',
    help: 'Ledger call duration by chaincode transaction, kind (submit/evaluate) and outcome',
    labelNames: ['transaction', 'kind', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly ledgerErrors = new Counter({
    name: 'medledger_ledger_call_errors_total',
    help: 'Failed ledger calls by chaincode transaction and error code (chaincode catalog code or Fabric failure)',
    labelNames: ['transaction', 'code'] as const,
    registers: [this.registry],
  });

  /** Times each request that reaches the REST router; the label is the route template, never the raw URL (no IDs). */
  httpMiddleware(): RequestHandler {
    return (req, res, next) => {
      const stop = this.httpDuration.startTimer();
      res.on('finish', () => {
        const route = (req.route as { path?: unknown } | undefined)?.path;
        stop({ method: req.method, route: typeof route === 'string' ? route : 'unmatched', status: String(res.statusCode) });
      });
      next();
    };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
