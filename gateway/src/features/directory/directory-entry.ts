import { isProfessional, PROFESSIONAL_ROLES, type Role } from '@medledger/chaincode/client';
import { z } from 'zod';
import { stakeholderId } from '../../api/schemas';
import { nonBlankText } from '../../api/text-schemas';

/**
 * The directory of verified professionals: how a doctor, hospital, pharmacy or insurer presents
 * itself to patients. Display data only, kept off chain in the gateway (a name, specialties, a
 * city): never health data, never an authorization. Whether an entry is shown is decided by the
 * ledger at read time (directory-listing.ts), so a suspended professional disappears at once.
 * Text is stored as given (trimmed), never as HTML: clients render it as text.
 */
export const DIRECTORY_ROLES = PROFESSIONAL_ROLES;
export type DirectoryRole = Role;
export const directoryRole = z.enum(PROFESSIONAL_ROLES as [Role, ...Role[]]);

export const DIRECTORY_LIMITS = { displayName: 120, specialties: 10, specialty: 60, city: 80, about: 500 } as const;

/** PUT /me/directory-entry. */
export const directoryEntryInput = z
  .object({
    displayName: nonBlankText(DIRECTORY_LIMITS.displayName).describe('The name patients see'),
    specialties: z.array(nonBlankText(DIRECTORY_LIMITS.specialty)).max(DIRECTORY_LIMITS.specialties).describe('e.g. cardiology, MRI; at most 10'),
    city: nonBlankText(DIRECTORY_LIMITS.city).optional(),
    about: nonBlankText(DIRECTORY_LIMITS.about).optional().describe('Plain text, never HTML'),
  })
  .strict()
  .meta({ id: 'DirectoryEntryInput' });
export type DirectoryEntryInput = z.output<typeof directoryEntryInput>;

export const directoryEntryModel = z
  .object({
    stakeholderId,
    role: directoryRole,
    displayName: z.string().min(1).max(DIRECTORY_LIMITS.displayName),
    specialties: z.array(z.string().min(1).max(DIRECTORY_LIMITS.specialty)).max(DIRECTORY_LIMITS.specialties),
    city: z.string().min(1).max(DIRECTORY_LIMITS.city).optional(),
    about: z.string().min(1).max(DIRECTORY_LIMITS.about).optional(),
  })
  .meta({ id: 'DirectoryEntry', description: 'A professional’s listing: display data kept off chain; listed only while the stakeholder is active (verified) on chain' });
export type DirectoryEntry = z.output<typeof directoryEntryModel>;

/** The professionals (contract/roles.ts), who are verified on chain before they act. */
export function isDirectoryRole(role: Role): boolean {
  return isProfessional(role);
}
