import { createServer } from 'node:net';

/** A loopback port nobody listens on right now; the caller's server (a gateway, a CA, SeaweedFS) binds it a moment later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (typeof address === 'object' && address !== null) {
          resolve(address.port);
        } else {
          reject(new Error('no free loopback port'));
        }
      });
    });
  });
}
