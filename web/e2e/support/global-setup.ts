import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Builds the gateway and the portal once for the browser suite (scripts/build-web.mjs), unless the
 * caller already did (npm test's build stage sets MEDLEDGER_WEB_PREBUILT=1).
 */
export default function globalSetup(): void {
  if (process.env['MEDLEDGER_WEB_PREBUILT'] === '1') return;
  const result = spawnSync(process.execPath, [join(__dirname, '..', '..', '..', 'scripts', 'build-web.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the gateway and the portal failed (scripts/build-web.mjs)');
}
