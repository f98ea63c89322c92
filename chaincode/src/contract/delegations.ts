import { z } from 'zod';
import { instant } from './formats';
import { objectId, sha256Hex, stakeholderId } from './identifiers';
import { pageOf } from './pages';
import { delegationEffectiveStatus, delegationStatus } from './statuses';

/**
 * A patient lets another person (a relative, a carer; registered as a patient-role stakeholder)
 * act for them: manage consent and see their data, until validUntil or until revoked.
 */
export const delegation = z.object({
  id: objectId,
  patientId: stakeholderId,
  delegateId: stakeholderId,
  validFrom: instant,
  validUntil: instant,
  status: delegationStatus,
  createdAt: instant,
  updatedAt: instant,
  revokedBy: stakeholderId.optional(),
  revokedAt: instant.optional(),
});
export type Delegation = z.infer<typeof delegation>;

/** A delegation as transactions return it, with its status at transaction time. */
export const delegationView = delegation.extend({ effectiveStatus: delegationEffectiveStatus });
export type DelegationView = z.infer<typeof delegationView>;
export const delegationPage = pageOf(delegationView);

/**
 * Public record of an emergency ("break-glass") access: who, for which patient, when, and the
 * salted SHA-256 of the private justification, SHA-256(salt ‖ UTF-8 reason). The reason and the
 * salt live only in the health collection.
 */
export const breakGlass = z.object({
  id: objectId,
  patientId: stakeholderId,
  doctorId: stakeholderId,
  reasonHash: sha256Hex,
  openedAt: instant,
  expiresAt: instant,
});
export type BreakGlass = z.infer<typeof breakGlass>;

/** A break-glass record as transactions return it: `open` while its window lasts at transaction time. */
export const breakGlassView = breakGlass.extend({ open: z.boolean() });
export type BreakGlassView = z.infer<typeof breakGlassView>;
export const breakGlassPage = pageOf(breakGlassView);

/**
 * A V record the doctor opened within break-glass window `breakGlassId`, with a second reason of
 * its own (salted hash here, reason and salt in the health collection). It lasts as the window does.
 */
export const breakGlassRecord = z.object({
  breakGlassId: objectId,
  recordId: objectId,
  patientId: stakeholderId,
  doctorId: stakeholderId,
  reasonHash: sha256Hex,
  openedAt: instant,
  expiresAt: instant,
});
export type BreakGlassRecord = z.infer<typeof breakGlassRecord>;
