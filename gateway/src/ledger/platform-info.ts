/** What /version and /readyz report about the ledger behind the gateway. */
export interface PlatformInfo {
  /** e.g. 'embedded (single-node development ledger)' or 'fabric (channel medledger)'. */
  ledger: string;
  chaincodeVersion(): Promise<string>;
}
