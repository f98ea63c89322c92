import { z } from 'zod';
import { action, actions, category, grantScope, role } from './schemas';

/**
 * Response models: what the chaincode returns, as documented and as checked before sending.
 * Fields not listed here are not sent (the parse strips them), so the document is the contract.
 */
const text = z.string();
const at = z.string().describe('ISO-8601 UTC instant');

export const stakeholderModel = z
  .object({
    id: text,
    role,
    mspId: text,
    status: z.enum(['pending', 'active', 'suspended']),
    registeredAt: at,
    updatedAt: at,
    licenceHash: text.optional(),
    verifiedBy: text.optional(),
    verifiedAt: at.optional(),
    suspendedBy: text.optional(),
    suspendedAt: at.optional(),
  })
  .meta({ id: 'Stakeholder' });

export const grantModel = z
  .object({
    id: text,
    patientId: text,
    granteeId: text,
    granteeRole: text,
    actions,
    scope: grantScope,
    purpose: text.describe('Purpose-of-use code (HL7 v3 PurposeOfUse), e.g. TREAT'),
    validFrom: at,
    validUntil: at,
    status: z.enum(['active', 'revoked']),
    effectiveStatus: z.enum(['active', 'revoked', 'expired', 'not-yet-valid']).describe('Judged at transaction time'),
    createdBy: text.describe('The patient, or the delegate who granted for them'),
    createdAt: at,
    updatedAt: at,
    requestId: text.optional(),
    revokedBy: text.optional(),
    revokedAt: at.optional(),
  })
  .meta({ id: 'Consent' });

export const accessRequestModel = z
  .object({
    id: text,
    patientId: text,
    requesterId: text,
    requesterRole: text,
    actions,
    scope: grantScope,
    purpose: text.describe('Purpose-of-use code (HL7 v3 PurposeOfUse), e.g. TREAT'),
    validUntil: at,
    status: z.enum(['pending', 'approved', 'denied']),
    effectiveStatus: z.enum(['pending', 'approved', 'denied', 'expired']),
    createdAt: at,
    updatedAt: at,
    decidedBy: text.optional(),
    decidedAt: at.optional(),
    grantId: text.optional(),
  })
  .meta({ id: 'AccessRequest' });

export const delegationModel = z
  .object({
    id: text,
    patientId: text,
    delegateId: text,
    validFrom: at,
    validUntil: at,
    status: z.enum(['active', 'revoked']),
    effectiveStatus: z.enum(['active', 'revoked', 'expired']),
    createdAt: at,
    updatedAt: at,
    revokedBy: text.optional(),
    revokedAt: at.optional(),
  })
  .meta({ id: 'Delegation' });

export const breakGlassModel = z
  .object({
    id: text,
    patientId: text,
    doctorId: text,
    reasonHash: text.describe('SHA-256 of the private justification; the reason itself is never returned'),
    openedAt: at,
    expiresAt: at,
    open: z.boolean(),
  })
  .meta({ id: 'BreakGlass' });

const basis = z.enum(['owner', 'delegate', 'grant', 'break-glass']);

export const accessLogEntryModel = z
  .object({
    id: text,
    patientId: text,
    accessorId: text,
    accessorRole: text,
    action,
    category,
    recordId: text.optional(),
    resourceType: text,
    resourceId: text,
    basis,
    grantId: text.optional(),
    delegationId: text.optional(),
    breakGlassId: text.optional(),
    at,
    txId: text,
  })
  .meta({ id: 'AccessLogEntry' });

export const accessStatisticsModel = z
  .object({
    day: text,
    total: z.number().int(),
    byBasis: z.record(z.string(), z.number().int()),
    byAccessorRole: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'AccessStatistics' });

export const accessCheckModel = z
  .object({
    patientId: text,
    action,
    category,
    recordId: text.optional(),
    basis,
    grantId: text.optional(),
    delegationId: text.optional(),
    breakGlassId: text.optional(),
    logEntryId: text.describe('The access-log entry this check wrote'),
    at,
  })
  .meta({ id: 'AccessCheck' });
