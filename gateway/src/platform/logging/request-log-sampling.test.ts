import express, { type Express } from 'express';
import request from 'supertest';
import { LogCapture } from '../../test-support/log-capture';
import { httpLogger, type RequestLogPolicy } from './http-logger';
import { createLogger } from './logger';

/** A bare app behind the request logger: a success, a refusal, a failure and a slow success. */
function appWith(policy: RequestLogPolicy, random?: () => number): { app: Express; logs: LogCapture } {
  const logs = new LogCapture();
  const app = express();
  app.use(httpLogger(createLogger('info', logs), policy, random));
  app.get('/ok', (_req, res) => void res.json({ ok: true }));
  app.get('/refused', (_req, res) => void res.status(403).json({ code: 'FORBIDDEN' }));
  app.get('/failed', (_req, res) => void res.status(503).json({ code: 'LEDGER_UNAVAILABLE' }));
  app.get('/slow', (_req, res) => void setTimeout(() => res.json({ ok: true }), 60));
  return { app, logs };
}

const loggedPaths = (logs: LogCapture): string[] => logs.entries().map((entry) => (entry.req as { path: string }).path);
const loggedStatuses = (logs: LogCapture): number[] => logs.entries().map((entry) => (entry.res as { statusCode: number }).statusCode);

async function get(app: Express, ...paths: string[]): Promise<void> {
  for (const path of paths) {
    await request(app).get(path);
  }
}

describe('request log sampling', () => {
  it('when the sample rate is 1, then every request is logged', async () => {
    const { app, logs } = appWith({ sampleRate: 1, slowMs: 10_000 });

    await get(app, '/ok', '/ok', '/refused', '/ok', '/failed');

    expect(loggedPaths(logs)).toEqual(['/ok', '/ok', '/refused', '/ok', '/failed']);
  });

  it('when the sample rate is 0, then no success is logged but every 4xx and 5xx still is, at its level', async () => {
    const { app, logs } = appWith({ sampleRate: 0, slowMs: 10_000 });

    await get(app, '/ok', '/refused', '/ok', '/failed', '/nowhere', '/ok');

    expect(loggedStatuses(logs)).toEqual([403, 503, 404]);
    expect(logs.entries().map((entry) => entry.level)).toEqual([30, 50, 30]);
  });

  it('when a success is slower than slowMs, then it is logged whatever the sample rate', async () => {
    const { app, logs } = appWith({ sampleRate: 0, slowMs: 50 });

    await get(app, '/ok', '/slow', '/ok');

    expect(loggedPaths(logs)).toEqual(['/slow']);
    expect(logs.entries()[0]?.responseTime).toBeGreaterThanOrEqual(50);
  });

  it('when the sample rate is a fraction, then exactly the successes whose draw falls below it are logged', async () => {
    const draws = [0.1, 0.9, 0.29, 0.3, 0.5, 0.05];
    let next = 0;
    const { app, logs } = appWith({ sampleRate: 0.3, slowMs: 10_000 }, () => draws[next++] ?? 1);

    await get(app, ...draws.map((_draw, index) => `/ok?n=${index}`));

    expect(next).toBe(draws.length);
    expect(logs.lines).toHaveLength(draws.filter((draw) => draw < 0.3).length);
  });

  it('when a request fails, then it is logged without drawing from the sample', async () => {
    const random = jest.fn(() => 0);
    const { app, logs } = appWith({ sampleRate: 0.5, slowMs: 10_000 }, random);

    await get(app, '/refused', '/failed');

    expect(random).not.toHaveBeenCalled();
    expect(logs.lines).toHaveLength(2);
  });
});
