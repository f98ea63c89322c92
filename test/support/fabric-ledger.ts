import { networkEnvironment } from './fabric-environment';

// The integration project runs the gateway's REST stories against the native network: the test
// gateway (gateway/src/test-support/test-gateway.ts: ledgerUnderTest) reads this. The unit project
// never sets it, so `npm test` runs the same stories on the embedded ledger.
process.env.MEDLEDGER_TEST_LEDGER = 'fabric';
// ...and how to reach the network: its MEDLEDGER_* variables, handed over rather than imported, so
// the gateway's test support never reaches into this package (test-gateway.ts: fabricTestEnvironment).
process.env.MEDLEDGER_TEST_FABRIC_ENVIRONMENT = JSON.stringify(networkEnvironment());
