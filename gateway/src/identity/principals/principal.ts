import type { Role } from '@medledger/chaincode/client';

export type { Role } from '@medledger/chaincode/client';

/** The organisations (MSPs) that issue MedLedger identities; ROLE_ISSUING_MSP says which role comes from which. */
export type MspId = 'ProvidersMSP' | 'PayersMSP';

/**
 * Someone the gateway acts for: a person who signs in through SAML, or an organisation that calls
 * with an API key. Each principal has its own Fabric identity whose certificate carries `role` and
 * `stakeholderId`; the display name stays off chain.
 */
export interface Principal {
  id: string; // gateway principal ID: 'prn_' + 26 chars base32 random
  kind: 'person' | 'organisation';
  role: Role;
  stakeholderId: string; // on-chain pseudonymous ID (certificate attribute medledger.id)
  mspId: MspId;
  displayName: string; // off chain only; never sent to the ledger
  samlIssuer?: string; // persons: user identity = IdP entityID + NameID
  samlNameId?: string;
  createdAt: string;
  disabledAt?: string;
}
