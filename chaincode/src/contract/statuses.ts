import { z } from 'zod';

/**
 * The statuses of every workflow object, and the outcomes a party may choose. A stored status is
 * one of these; an `effective` status is how a read judges it at transaction time (an active grant
 * whose window has ended reads as 'expired').
 */

export const STAKEHOLDER_STATUSES = ['pending', 'active', 'suspended'] as const;
export type StakeholderStatus = (typeof STAKEHOLDER_STATUSES)[number];

/** 'ended': a workflow grant whose workflow has ended (Grant.workflow says which, and how it ended). */
export const GRANT_STATUSES = ['active', 'revoked', 'ended'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export const GRANT_EFFECTIVE_STATUSES = ['active', 'revoked', 'ended', 'expired', 'not-yet-valid'] as const;
export type GrantEffectiveStatus = (typeof GRANT_EFFECTIVE_STATUSES)[number];

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'denied'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];
export const ACCESS_REQUEST_EFFECTIVE_STATUSES = ['pending', 'approved', 'denied', 'expired'] as const;
export type AccessRequestEffectiveStatus = (typeof ACCESS_REQUEST_EFFECTIVE_STATUSES)[number];

export const DELEGATION_STATUSES = ['active', 'revoked'] as const;
export type DelegationStatus = (typeof DELEGATION_STATUSES)[number];
export const DELEGATION_EFFECTIVE_STATUSES = ['active', 'revoked', 'expired'] as const;
export type DelegationEffectiveStatus = (typeof DELEGATION_EFFECTIVE_STATUSES)[number];

export const FILE_STATUSES = ['active', 'erased'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/** An amendment that is not erased: pending until a doctor approves or rejects it, or the patient withdraws it. */
export const LIVE_AMENDMENT_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type LiveAmendmentStatus = (typeof LIVE_AMENDMENT_STATUSES)[number];
export const AMENDMENT_STATUSES = [...LIVE_AMENDMENT_STATUSES, 'erased'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

export const APPOINTMENT_STATUSES = ['requested', 'proposed', 'confirmed', 'declined', 'cancelled', 'completed'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** 'referred': a doctor's referral the patient has not answered; 'declined': a referral the patient turned down. */
export const SERVICE_STATUSES = ['referred', 'requested', 'quoted', 'accepted', 'paid', 'confirmed', 'reported', 'cancelled', 'declined'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
/** The patient's review of an attached report, as stored; 'pending' until the patient answers. */
export const REPORT_REVIEW_STATUSES = ['pending', 'accepted', 'disputed'] as const;
export type ReportReviewStatus = (typeof REPORT_REVIEW_STATUSES)[number];
/** As a read judges it at transaction time: a pending review whose deadline has passed is 'deemed-accepted'. */
export const REPORT_REVIEW_EFFECTIVE_STATUSES = ['pending', 'accepted', 'disputed', 'deemed-accepted'] as const;
export type ReportReviewEffectiveStatus = (typeof REPORT_REVIEW_EFFECTIVE_STATUSES)[number];

export const PRESCRIPTION_STATUSES = ['active', 'cancelled', 'completed'] as const;
export type PrescriptionStatus = (typeof PRESCRIPTION_STATUSES)[number];

export const ORDER_STATUSES = ['placed', 'accepted', 'rejected', 'cancelled', 'dispensed', 'received'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected', 'declined', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** What differed when an insurer's answer did not match the locked terms. */
export const APPLICATION_MISMATCHES = ['terms', 'price'] as const;
export type ApplicationMismatch = (typeof APPLICATION_MISMATCHES)[number];

export const POLICY_STATUSES = ['active'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

export const CLAIM_STATUSES = ['submitted', 'approved', 'partially-approved', 'denied', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
/** What an insurer may decide on a submitted claim. */
export const CLAIM_DECISIONS = ['approved', 'partially-approved', 'denied'] as const;
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number];

export const stakeholderStatus = z.enum(STAKEHOLDER_STATUSES);
export const grantStatus = z.enum(GRANT_STATUSES);
export const grantEffectiveStatus = z.enum(GRANT_EFFECTIVE_STATUSES);
export const accessRequestStatus = z.enum(ACCESS_REQUEST_STATUSES);
export const accessRequestEffectiveStatus = z.enum(ACCESS_REQUEST_EFFECTIVE_STATUSES);
export const delegationStatus = z.enum(DELEGATION_STATUSES);
export const delegationEffectiveStatus = z.enum(DELEGATION_EFFECTIVE_STATUSES);
export const fileStatus = z.enum(FILE_STATUSES);
export const liveAmendmentStatus = z.enum(LIVE_AMENDMENT_STATUSES);
export const amendmentStatus = z.enum(AMENDMENT_STATUSES);
export const appointmentStatus = z.enum(APPOINTMENT_STATUSES);
export const serviceStatus = z.enum(SERVICE_STATUSES);
export const reportReviewStatus = z.enum(REPORT_REVIEW_STATUSES);
export const reportReviewEffectiveStatus = z.enum(REPORT_REVIEW_EFFECTIVE_STATUSES);
export const prescriptionStatus = z.enum(PRESCRIPTION_STATUSES);
export const orderStatus = z.enum(ORDER_STATUSES);
export const applicationStatus = z.enum(APPLICATION_STATUSES);
export const applicationMismatch = z.enum(APPLICATION_MISMATCHES);
export const policyStatus = z.enum(POLICY_STATUSES);
export const claimStatus = z.enum(CLAIM_STATUSES);
export const claimDecision = z.enum(CLAIM_DECISIONS);
