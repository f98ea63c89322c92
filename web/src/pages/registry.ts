import type { ComponentType } from 'react';
import type { Role } from '../navigation';
import { ADMIN_PAGES } from './admin';
import { DOCTOR_PAGES } from './doctor';
import { HOSPITAL_PAGES } from './hospital';
import { INSURER_PAGES } from './insurer';
import { PATIENT_PAGES } from './patient';
import { PHARMACY_PAGES } from './pharmacy';
import { REGULATOR_PAGES } from './regulator';

/** Each role's pages. A path a role has no page for is "not found" for that role, never another role's page. */
export const PAGES_BY_ROLE: Readonly<Record<Role, Readonly<Record<string, ComponentType>>>> = {
  patient: PATIENT_PAGES,
  doctor: DOCTOR_PAGES,
  hospital: HOSPITAL_PAGES,
  pharmacy: PHARMACY_PAGES,
  insurer: INSURER_PAGES,
  regulator: REGULATOR_PAGES,
  admin: ADMIN_PAGES,
};
