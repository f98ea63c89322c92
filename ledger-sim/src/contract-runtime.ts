import { JSONSerializer } from 'fabric-contract-api';
import type { ChaincodeInterface } from 'fabric-shim-api';
import type { ContractClass } from './types';

/**
 * fabric-shim's ChaincodeFromContract: the class a peer-connected contract chaincode runs, doing
 * contract routing, before/after hooks, parameter and return marshalling and metadata checks.
 * It is internal to fabric-shim and untyped, so this file is the only place that touches it.
 */
interface ChaincodeFromContractConstructor {
  new (
    contracts: ContractClass[],
    serializers: ContractSerializers,
    metadata: object,
    title: string,
    version: string,
  ): ChaincodeInterface;
}

interface ContractSerializers {
  transaction: string;
  serializers: Record<string, unknown>;
}

/** What fabric-shim's bootstrap uses when the chaincode module names no serializers. */
function defaultSerializers(): ContractSerializers {
  return { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
}

function loadChaincodeFromContract(): ChaincodeFromContractConstructor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped internal module of fabric-shim
  const loaded: unknown = require('fabric-shim/lib/contract-spi/chaincodefromcontract');
  return loaded as ChaincodeFromContractConstructor;
}

/** Builds the chaincode a peer would run for these contracts. */
export function chaincodeFromContracts(contracts: readonly ContractClass[], title: string): ChaincodeInterface {
  if (contracts.length === 0) {
    throw new Error('a ledger needs at least one contract class');
  }
  const ChaincodeFromContract = loadChaincodeFromContract();
  // fresh arguments: ChaincodeFromContract appends its system contract and fills the metadata in
  return new ChaincodeFromContract([...contracts], defaultSerializers(), {}, title, '');
}
