// What clients build on, without the contracts: the error catalog the gateway maps by code, and the
// contract surface (ID patterns, enumerations, limits, and the zod schema of every transaction's
// result). `@medledger/chaincode/client` never loads the contracts, and so never fabric-contract-api,
// whose decorators log (through winston, formatting each line whatever the level) every
// transaction and object as the contracts load: most of a second, which the gateway's operator CLI
// would pay on every command. Only the embedded ledger needs `contracts` (the package's index).
export { ERROR_CATALOG, errorCodeOf, type ErrorCode } from './lib/errors';
export * from './contract';
