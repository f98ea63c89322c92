import { networkCommand } from './network-cli';

/**
 * Brings the native Fabric network up once for the whole integration suite. If bringing it up
 * fails half-way, the processes already started are stopped before the error is rethrown,
 * because jest does not run globalTeardown when globalSetup throws.
 */
export default function globalSetup(): void {
  try {
    networkCommand('up');
  } catch (error) {
    networkCommand('down');
    throw error;
  }
}
