import type { Contract } from 'fabric-contract-api';
import { AccessLogContract } from './contracts/access-log-contract';
import { AppointmentContract } from './contracts/appointment-contract';
import { ConsentContract } from './contracts/consent-contract';
import { HospitalServiceContract } from './contracts/hospital-service-contract';
import { InsuranceContract } from './contracts/insurance-contract';
import { PlatformContract } from './contracts/platform-contract';
import { PrescriptionContract } from './contracts/prescription-contract';
import { RecordsContract } from './contracts/records-contract';
import { StakeholderContract } from './contracts/stakeholder-contract';
import { registerResultObjects } from './lib/result-objects';

// GetMetadata's description of every result, from the contract surface's views: registered before
// any peer or MemoryLedger can build the metadata from these contracts.
registerResultObjects();

export const contracts: (new () => Contract)[] = [
  StakeholderContract,
  ConsentContract,
  AccessLogContract,
  PlatformContract,
  PrescriptionContract,
  InsuranceContract,
  RecordsContract,
  AppointmentContract,
  HospitalServiceContract,
];

// What clients build on is exported beside the contracts (fabric-contract-api reads only
// `contracts`); clients that do not run the contracts import it alone, from
// `@medledger/chaincode/client` (client.ts).
export * from './client';
