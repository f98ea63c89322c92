import { networkCommand } from './network-cli';

/** Stops the network global setup started, whether the tests passed or not. */
export default function globalTeardown(): void {
  if (process.env.MEDLEDGER_NETWORK_REUSED === '1' || process.env.MEDLEDGER_KEEP_NETWORK === '1') {
    return;
  }
  networkCommand('down');
}
