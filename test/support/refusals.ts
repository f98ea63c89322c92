import { EndorseError } from '@hyperledger/fabric-gateway';

/**
 * The stable chaincode error code a refused transaction carries. Peers report a chaincode error
 * as an endorsement failure whose details hold the chaincode's message ("CODE: ...").
 */
export async function refusalCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EndorseError) {
      const messages = error.details.map((detail) => detail.message);
      const code = messages.map((message) => /\b([A-Z][A-Z_]+): /.exec(message)?.[1]).find((found) => found !== undefined);
      return code ?? `UNCODED(${messages.join(' | ')})`;
    }
    throw error;
  }
  throw new Error('expected the transaction to be refused, but it was endorsed');
}
