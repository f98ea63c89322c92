import { Router } from 'express';
import type { PlatformInfo } from '../../ledger/platform-info';

/** Unauthenticated probes: /livez (the process answers), /readyz and /version (the ledger answers). */
export function systemRouter(platform: PlatformInfo): Router {
  const router = Router();
  router.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    await platform.chaincodeVersion();
    res.json({ status: 'ready' });
  });
  router.get('/version', async (_req, res) => {
    res.json({ chaincode: await platform.chaincodeVersion(), ledger: platform.ledger });
  });
  return router;
}
