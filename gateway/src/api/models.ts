import * as contract from '@medledger/chaincode/client';
import type { z } from 'zod';
import { grantScope } from './schemas';

/**
 * Response models: the chaincode's views (its contract surface), as documented and as checked
 * before sending, under their OpenAPI names. Fields a view does not list are not sent (the parse
 * strips them), so the document is the contract.
 */

/** The view with descriptions on some of its fields, for the OpenAPI document; every rule stays the contract's. */
export function describeFields<View extends z.ZodObject>(view: View, descriptions: { [Field in keyof View['shape'] & string]?: string }): View {
  const described: Record<string, z.ZodType> = {};
  for (const [field, text] of Object.entries(descriptions) as [string, string][]) {
    described[field] = (view.shape[field] as z.ZodType).describe(text);
  }
  return view.extend(described) as View;
}

export const stakeholderModel = contract.stakeholder.meta({ id: 'Stakeholder' });

const grantFields = { purpose: 'Purpose-of-use code (HL7 v3 PurposeOfUse)' } as const;

export const grantModel = describeFields(contract.grantView.extend({ scope: grantScope }), {
  ...grantFields,
  effectiveStatus: 'Judged at transaction time',
  createdBy: 'The patient, or the delegate who granted for them',
}).meta({ id: 'Consent' });

export const accessRequestModel = describeFields(contract.accessRequestView.extend({ scope: grantScope }), grantFields).meta({ id: 'AccessRequest' });

export const delegationModel = contract.delegationView.meta({ id: 'Delegation' });

export const breakGlassModel = describeFields(contract.breakGlassView, {
  reasonHash: 'Salted SHA-256 of the private justification; the reason itself is never returned',
}).meta({ id: 'BreakGlass' });

export const breakGlassRecordModel = describeFields(contract.breakGlassRecord, {
  reasonHash: 'Salted SHA-256 of this record’s own justification; the reason itself is never returned',
  expiresAt: 'When the break-glass window, and with it this opening, closes',
}).meta({ id: 'BreakGlassRecord' });

export const accessLogEntryModel = contract.accessLogEntry.meta({ id: 'AccessLogEntry' });

export const accessStatisticsModel = contract.accessStats.meta({ id: 'AccessStatistics' });

export const accessCheckModel = describeFields(contract.accessCheck, { logEntryId: 'The access-log entry this check wrote' }).meta({ id: 'AccessCheck' });
