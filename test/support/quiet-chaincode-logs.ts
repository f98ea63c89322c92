// fabric-contract-api and fabric-shim log every decorator and every refused transaction through
// winston at INFO. In-process runs (unit tests, the embedded gateway) keep only real problems;
// set CORE_CHAINCODE_LOGGING_LEVEL yourself to see more.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';
