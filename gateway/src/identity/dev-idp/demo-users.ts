import { ROLES, type Role } from '@medledger/chaincode/client';

/** A person the development IdP can sign in. `role` is the attribute value it asserts. */
export interface DevIdpUser {
  /** Stable key used by the login page; also the NameID. */
  nameId: string;
  displayName: string;
  role: string;
}

/** Seeded demo users: at least one for every role, two patients so sharing between patients can be tried. */
export const DEMO_USERS: readonly DevIdpUser[] = [
  { nameId: 'alice.patient@dev-idp.medledger.test', displayName: 'Alice Patient', role: 'patient' },
  { nameId: 'bob.patient@dev-idp.medledger.test', displayName: 'Bob Patient', role: 'patient' },
  { nameId: 'dana.doctor@dev-idp.medledger.test', displayName: 'Dr. Dana Doctor', role: 'doctor' },
  { nameId: 'harbor.hospital@dev-idp.medledger.test', displayName: 'Harbor Hospital', role: 'hospital' },
  { nameId: 'pine.pharmacy@dev-idp.medledger.test', displayName: 'Pine Pharmacy', role: 'pharmacy' },
  { nameId: 'ivy.insurer@dev-idp.medledger.test', displayName: 'Ivy Insurance', role: 'insurer' },
  { nameId: 'rex.regulator@dev-idp.medledger.test', displayName: 'Rex Regulator', role: 'regulator' },
  { nameId: 'ada.admin@dev-idp.medledger.test', displayName: 'Ada Admin', role: 'admin' },
];

/** The SP role mapping that matches the dev IdP: it asserts MedLedger role names verbatim. */
export const DEV_IDP_ROLE_MAPPING: Readonly<Record<string, Role>> = Object.freeze(
  Object.fromEntries(ROLES.map((role) => [role, role])) as Record<string, Role>,
);
