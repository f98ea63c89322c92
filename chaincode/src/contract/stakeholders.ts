import { z } from 'zod';
import { instant } from './formats';
import { sha256Hex, stakeholderId } from './identifiers';
import { pageOf } from './pages';
import { role } from './roles';
import { stakeholderStatus } from './statuses';

/**
 * A registered participant. Public state holds only the pseudonymous ID, role, org and status;
 * names and licence numbers stay off chain (the licence only as a SHA-256 reference).
 */
export const stakeholder = z.object({
  id: stakeholderId,
  role,
  mspId: z.string().min(1),
  status: stakeholderStatus,
  registeredAt: instant,
  updatedAt: instant,
  licenceHash: sha256Hex.optional(),
  verifiedBy: stakeholderId.optional(),
  verifiedAt: instant.optional(),
  suspendedBy: stakeholderId.optional(),
  suspendedAt: instant.optional(),
});
export type Stakeholder = z.infer<typeof stakeholder>;

export const stakeholderPage = pageOf(stakeholder);
