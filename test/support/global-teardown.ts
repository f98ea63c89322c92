import { networkCommand } from './network-cli';

/** Always stops the network started by global setup, whether the tests passed or not. */
export default function globalTeardown(): void {
  if (process.env.MEDLEDGER_KEEP_NETWORK === '1') {
    return;
  }
  networkCommand('down');
}
