import type { components } from '../../api/generated/schema';

/**
 * The medical-file shapes the portal shows, as the gateway's OpenAPI names them, and the words a
 * person reads for their codes. The codes themselves come from the generated types, so a category
 * the API drops stops compiling here.
 */
export type FileView = components['schemas']['MedicalFileView'];
export type FileHead = components['schemas']['MedicalFile'];
export type FileVersion = components['schemas']['MedicalFileVersion'];
export type Amendment = components['schemas']['Amendment'];
export type Category = FileHead['category'];
export type Confidentiality = FileHead['confidentiality'];

/** HL7 v3 PurposeOfUse, as the API's ?purpose= takes it (a professional's reads are logged with it). */
export type Purpose = 'TREAT' | 'ETREAT' | 'CAREMGT' | 'PATRQT' | 'HPAYMT' | 'COVERAGE' | 'HOPERAT' | 'HRESCH' | 'PUBHLTH';

export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  lab: 'Lab result',
  imaging: 'Imaging',
  prescription: 'Prescription',
  appointment: 'Appointment',
  insurance: 'Insurance',
  'clinical-note': 'Clinical note',
  billing: 'Billing',
};

export const CATEGORY_OPTIONS = (Object.keys(CATEGORY_NAMES) as Category[]).map((value) => ({ value, label: CATEGORY_NAMES[value] }));

/** HL7 confidentiality: N reaches any grant on the category; R and V need a grant naming the file. */
export const CONFIDENTIALITY_NAMES: Readonly<Record<Confidentiality, string>> = {
  N: 'Normal',
  R: 'Restricted',
  V: 'Very restricted',
};

export const CONFIDENTIALITY_HINT = 'Normal: anyone you granted this category may see it. Restricted and Very restricted: only grants that name this file (emergency access to Very restricted needs a second reason).';

export const CONFIDENTIALITY_OPTIONS = (Object.keys(CONFIDENTIALITY_NAMES) as Confidentiality[]).map((value) => ({ value, label: `${value}: ${CONFIDENTIALITY_NAMES[value]}` }));

export function isConfidentiality(value: string): value is Confidentiality {
  return value in CONFIDENTIALITY_NAMES;
}

export function isCategory(value: string): value is Category {
  return value in CATEGORY_NAMES;
}
