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

// The gateway maps chaincode errors by code and checks roles against the same tables, so the one
// catalog is exported beside the contracts (fabric-contract-api reads only `contracts`).
export { ERROR_CATALOG, errorCodeOf, type ErrorCode } from './lib/errors';
export { ROLES, ROLE_ISSUING_MSP, type Role } from './lib/roles';
export { DATA_CATEGORIES, type DataCategory } from './lib/categories';
export { PURPOSES, PURPOSE_OF_USE, type PurposeOfUse } from './lib/purposes';
