// The integration project runs the gateway's REST stories against the native network: the test
// gateway (gateway/src/test-support/test-gateway.ts: ledgerUnderTest) reads this. The unit project
// never sets it, so `npm test` runs the same stories on the embedded ledger.
process.env.MEDLEDGER_TEST_LEDGER = 'fabric';
