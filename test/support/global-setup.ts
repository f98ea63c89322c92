import { networkCommand, networkIsRunning } from './network-cli';

/**
 * Brings the native Fabric network up once for the whole integration suite, or reuses one that
 * is already running (then teardown leaves it alone). If bringing it up fails half-way, the
 * processes already started are stopped before the error is rethrown, because jest does not run
 * globalTeardown when globalSetup throws.
 */
export default function globalSetup(): void {
  if (networkIsRunning()) {
    process.env.MEDLEDGER_NETWORK_REUSED = '1';
    return;
  }
  try {
    networkCommand('up');
  } catch (error) {
    networkCommand('down');
    throw error;
  }
}
