// The contract API logs every decorator at INFO when the chaincode package loads. The gateway's
// entry points import this first, so the embedded ledger keeps warnings and up unless told otherwise.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'WARNING';
