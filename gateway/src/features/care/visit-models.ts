import * as contract from '@medledger/chaincode';
import { describeFields } from '../../api/models';

/**
 * Response models of appointments, hospital services and medical-file records: the chaincode's
 * views (its contract surface), under their OpenAPI names, as documented and as checked before
 * sending (fields a view does not list are not sent).
 */
const readFields = {
  details: 'Private; null when the private data is gone',
  basis: 'Why the chaincode allowed the read (it is in the access log)',
} as const;

export const appointmentModel = describeFields(contract.appointment, {
  proposedStartsAt: "The provider's counter-proposal while status is proposed",
}).meta({ id: 'Appointment', description: 'The public record; the reason for the visit is private (POST /appointments/{appointmentId}/detail-reads)' });

export const appointmentDetailsModel = describeFields(contract.appointmentWithDetails.extend({ appointment: appointmentModel }), readFields).meta({ id: 'AppointmentWithDetails' });

export const serviceRequestModel = describeFields(contract.serviceRequest, {
  serviceCode: "The hospital's catalogue code",
  quoteBy: 'The hospital quotes by then, or the patient may cancel',
  priceMinor: 'Quoted price in minor units (cents)',
  currency: 'ISO 4217',
  acceptBy: "The quote's validUntil: the price is locked until then",
  reportFileId: 'The medical file holding the report (GET /files/{fileId})',
}).meta({ id: 'HospitalService', description: 'A request for a hospital service from estimate to report; the free-text details are private' });

export const serviceRequestDetailsModel = describeFields(contract.serviceRequestWithDetails.extend({ request: serviceRequestModel }), readFields).meta({
  id: 'HospitalServiceWithDetails',
});

export const fileHeadModel = describeFields(contract.medicalFileHead, {
  patientAuthored: 'While true the patient side may add versions; otherwise it proposes amendments',
}).meta({ id: 'MedicalFile' });

/** The one shape of a file version: the contract's (active, or erased without its content fields). */
export const fileVersionModel = contract.medicalFile.meta({ id: 'MedicalFileVersion', description: 'One immutable version (metadata only; the content is GET /files/{fileId}/content)' });

export const fileViewModel = contract.fileMetadataView.extend({ file: fileHeadModel, latest: fileVersionModel }).meta({ id: 'MedicalFileView' });

export const amendmentModel = contract.amendment.meta({ id: 'Amendment', description: "A patient's proposed correction of a file; the reason is private" });

export const amendmentApprovalModel = contract.amendmentApproval.extend({ amendment: amendmentModel, file: fileHeadModel, latest: fileVersionModel }).meta({ id: 'AmendmentApproval' });
