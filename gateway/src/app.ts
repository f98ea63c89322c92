import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MemoryLedger } from '@medledger/ledger-sim';

export interface AppDependencies {
  ledger: MemoryLedger;
}

type Handler = (deps: AppDependencies) => Promise<{ status: number; body: unknown }>;

/** Placeholder routes until the REST gateway exists: liveness and the chaincode version. */
const routes: Record<string, Handler> = {
  '/livez': async () => ({ status: 200, body: { status: 'ok' } }),
  '/version': async ({ ledger }) => {
    const reader = ledger.identity({ mspId: 'ProvidersMSP', commonName: 'gateway-probe' });
    const chaincode = await ledger.evaluate(reader, 'Platform:getVersion');
    return { status: 200, body: { chaincode, ledger: 'embedded (single-node development ledger)' } };
  },
};

/** Builds the request handler; listening is the server's job, so tests can drive this directly. */
export function createApp(deps: AppDependencies): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const route = req.method === 'GET' ? routes[new URL(req.url ?? '/', 'http://localhost').pathname] : undefined;
    const reply = route === undefined ? Promise.resolve({ status: 404, body: { code: 'NOT_FOUND' } }) : route(deps);
    reply
      .catch(() => ({ status: 500, body: { code: 'INTERNAL' } }))
      .then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
  };
}
