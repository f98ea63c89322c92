// One jest run, two projects: fast unit tests next to the code, and the cross-package suite in
// test/ that needs a real Fabric network (run on its own, with the network up).
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }];
const workspaceSources = {
  '^@medledger/chaincode$': '<rootDir>/chaincode/src/index.ts',
  '^@medledger/ledger-sim$': '<rootDir>/ledger-sim/src/index.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper: workspaceSources,
      setupFiles: ['<rootDir>/test/support/quiet-chaincode-logs.ts'],
      testMatch: [
        '<rootDir>/chaincode/src/**/*.test.ts',
        '<rootDir>/ledger-sim/src/**/*.test.ts',
        '<rootDir>/gateway/src/**/*.test.ts',
        '<rootDir>/network/test/**/*.test.ts',
      ],
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper: workspaceSources,
      testMatch: ['<rootDir>/test/**/*.itest.ts'],
      setupFiles: ['<rootDir>/test/support/quiet-chaincode-logs.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
  ],
};
