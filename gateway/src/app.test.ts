import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { createEmbeddedLedger } from './embedded-ledger';

describe('placeholder gateway on the embedded ledger', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer(createApp({ ledger: createEmbeddedLedger() })).listen(0);
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('when /version is requested, then the chaincode answers through the embedded ledger', async () => {
    const response = await fetch(`${base}/version`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ chaincode: '0.1.0', ledger: 'embedded (single-node development ledger)' });
  });

  it('when an unknown path is requested, then 404 is returned', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
