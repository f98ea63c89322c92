import type { components } from '../../api/generated/schema';

/** The API's models as the generated client names them, for the care pages. */
export type DirectoryEntry = components['schemas']['DirectoryEntry'];
export type Appointment = components['schemas']['Appointment'];
export type ServiceRequest = components['schemas']['HospitalService'];
export type PriceList = components['schemas']['PriceList'];
export type PriceListItem = PriceList['items'][number];
