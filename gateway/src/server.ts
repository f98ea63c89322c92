import { createServer } from 'node:http';
import { createApp } from './app';
import { createEmbeddedLedger } from './embedded-ledger';

const port = Number(process.env.PORT ?? 3000);
const server = createServer(createApp({ ledger: createEmbeddedLedger() }));

server.listen(port, () => {
  process.stdout.write(
    'MedLedger gateway (placeholder) on the EMBEDDED single-node development ledger: in-memory, not persisted, no Fabric network.\n' +
      `Try: curl http://localhost:${port}/version\n`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
