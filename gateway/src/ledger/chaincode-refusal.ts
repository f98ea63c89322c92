import { errorCodeOf, splitRefusedAccess } from '@medledger/chaincode/client';
import { LedgerError } from './ledger-port';

/**
 * The one mapping from a contract refusal to LedgerError, shared by the Fabric client
 * (fabric/ledger-errors.ts) and the embedded one (embedded/simulator-failure.ts), so the same
 * refusal gives the same code in both modes. It lives outside fabric/ so that the embedded path
 * never loads the Fabric and gRPC client libraries.
 *
 * A refusal is recognised only by the stable code its message starts with (errorCodeOf); the rest
 * of the wording is never interpreted.
 */
export function chaincodeRefusal(message: string, txId?: string, cause?: unknown): LedgerError | undefined {
  const code = errorCodeOf(message);
  if (code === undefined) {
    return undefined;
  }
  // The refused query travels as a tag at the end of the message: kept for recording the refusal, never shown.
  const { message: untagged, refused } = splitRefusedAccess(message.slice(message.indexOf(`${code}: `)));
  return new LedgerError(code, untagged, { ...(txId === undefined ? {} : { txId }), cause, ...(refused === undefined ? {} : { refusedAccess: refused }) });
}
