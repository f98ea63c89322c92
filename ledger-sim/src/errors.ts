/**
 * A transaction the chaincode (or the ledger) refused. The message is the chaincode's own
 * error message, as the Fabric peer reports it in the endorsement response.
 */
export class TransactionFailedError extends Error {
  override readonly name = 'TransactionFailedError';

  constructor(
    message: string,
    readonly txId: string,
    readonly status = 500,
  ) {
    super(message);
  }
}

/** The chaincode-to-peer requests whose failures the peer reports, named as in ChaincodeMessage.Type. */
export type PeerRequest =
  | 'GET_STATE'
  | 'PUT_STATE'
  | 'DEL_STATE'
  | 'GET_STATE_BY_RANGE'
  | 'GET_QUERY_RESULT'
  | 'GET_HISTORY_FOR_KEY'
  | 'GET_PRIVATE_DATA_HASH'
  | 'PURGE_PRIVATE_DATA';

/**
 * The peer wraps every failed request this way before the shim rethrows it to the chaincode,
 * so chaincode that inspects messages sees the same text as on a real peer.
 */
export function peerRequestError(request: PeerRequest, txId: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(`${request} failed: transaction ID: ${txId}: ${reason}`);
}

/** For stub features a single in-process ledger cannot provide meaningfully. */
export function notSupported(feature: string): Error {
  return new Error(`${feature} is not supported in ledger-sim`);
}
