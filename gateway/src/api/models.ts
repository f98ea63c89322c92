import * as contract from '@medledger/chaincode';
import { grantScope } from './schemas';

/**
 * Response models: the chaincode's views (its contract surface), as documented and as checked
 * before sending, under their OpenAPI names. Fields a view does not list are not sent (the parse
 * strips them), so the document is the contract.
 */
export const stakeholderModel = contract.stakeholder.meta({ id: 'Stakeholder' });

export const grantModel = contract.grantView.extend({ scope: grantScope }).meta({ id: 'Consent', description: 'A grant, with effectiveStatus judged at transaction time' });

export const accessRequestModel = contract.accessRequestView.extend({ scope: grantScope }).meta({ id: 'AccessRequest' });

export const delegationModel = contract.delegationView.meta({ id: 'Delegation' });

export const breakGlassModel = contract.breakGlassView.meta({
  id: 'BreakGlass',
  description: 'reasonHash is the salted SHA-256 of the private justification; the reason itself is never returned',
});

export const accessLogEntryModel = contract.accessLogEntry.meta({ id: 'AccessLogEntry' });

export const accessStatisticsModel = contract.accessStats.meta({ id: 'AccessStatistics' });

export const accessCheckModel = contract.accessCheck.meta({ id: 'AccessCheck', description: 'The decision, and the access-log entry (logEntryId) this check wrote' });
