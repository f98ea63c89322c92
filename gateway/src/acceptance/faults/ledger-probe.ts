import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_DIR } from './fault-network';

const CHANNEL = 'medledger';
/** TxValidationCode VALID (fabric-protos peer/transaction.proto). */
const VALID = 0;

export type TransactionFate = 'valid' | 'invalid' | 'absent';

/**
 * Asks a peer's ledger, not the gateway, what became of a transaction: qscc GetTransactionByID,
 * as the Providers org's admin (the network's own crypto). `absent` = no block holds it.
 */
export class LedgerProbe {
  readonly #client: grpc.Client;
  readonly #gateway: Gateway;

  constructor(environment: Record<string, string>) {
    const endpoint = environment.MEDLEDGER_FABRIC_PROVIDERS_PEER_ENDPOINT ?? 'localhost:7051';
    const tlsRoot = readFileSync(environment.MEDLEDGER_FABRIC_PROVIDERS_PEER_TLS_CA_FILE ?? '');
    const hostAlias = environment.MEDLEDGER_FABRIC_PROVIDERS_PEER_HOST_OVERRIDE ?? 'peer0.providers.medledger.local';
    this.#client = new grpc.Client(endpoint, grpc.credentials.createSsl(tlsRoot), { 'grpc.ssl_target_name_override': hostAlias });
    const msp = join(STATE_DIR, 'crypto', 'providers', 'users', 'orgadmin', 'msp');
    const only = (dir: string) => join(dir, readdirSync(dir)[0] ?? '');
    this.#gateway = connect({
      client: this.#client,
      identity: { mspId: 'ProvidersMSP', credentials: readFileSync(only(join(msp, 'signcerts'))) },
      signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(only(join(msp, 'keystore'))))),
      hash: hash.sha256,
      evaluateOptions: () => ({ deadline: Date.now() + 15_000 }),
    });
  }

  async fate(txId: string): Promise<TransactionFate> {
    try {
      const bytes = await this.#gateway.getNetwork(CHANNEL).getContract('qscc').evaluateTransaction('GetTransactionByID', CHANNEL, txId);
      return peer.ProcessedTransaction.deserializeBinary(bytes).getValidationcode() === VALID ? 'valid' : 'invalid';
    } catch (error) {
      // qscc answers "Failed to get transaction with id ..." for an ID no block holds
      const text = `${error instanceof Error ? error.message : String(error)} ${JSON.stringify((error as { details?: unknown }).details ?? [])}`;
      if (/Failed to get transaction/i.test(text)) return 'absent';
      throw error;
    }
  }

  close(): void {
    this.#gateway.close();
    this.#client.close();
  }
}
