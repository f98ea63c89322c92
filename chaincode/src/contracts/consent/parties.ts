import { PROFESSIONAL_ROLES, type Role } from '../../contract';

/** Who manages consent: patients, for themselves or, as delegates, for another patient. */
export const PATIENT: readonly Role[] = ['patient'];
/** Who may read patient data at all, and so may ask for consent or check it. The regulator and admins never do. */
export const DATA_ACCESSORS: readonly Role[] = ['patient', ...PROFESSIONAL_ROLES];
