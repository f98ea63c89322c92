import type { Context } from 'fabric-contract-api';
import { MAX_PRESCRIPTION_VALIDITY_SECONDS, MAX_REFILLS, MAX_UNITS_PER_FILL, type Prescription } from '../../contract';
import { decideAccess, type AccessQuery } from '../../lib/access-decision';
import { recordAccess } from '../../lib/access-log';
import { requireActiveStakeholder, requireActor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { prescriptionIndexParts, prescriptionKey, requirePrescription, requirePrescriptionStatus, savePrescription } from '../../lib/prescriptions';
import { requireTransientJson, writePatientPrivate } from '../../lib/private-data';
import { sortedCopy } from '../../lib/serialization';
import { objectKey, readObject, writeIndex, writeObject } from '../../lib/state';
import { addSeconds, txTimeIso } from '../../lib/time';
import { requireInstant, requireObjectId, requirePositiveInteger, requireStakeholderId } from '../../lib/validation';
import { PRESCRIPTION_BY_PATIENT_INDEX, PRESCRIPTION_DETAILS_TYPE, PRESCRIPTION_TYPE, parsePrescriptionItems, type PrescriptionDetails } from '../../models/prescription';

/* Prescriptions: issued by a doctor with the patient's 'edit' consent, cancelled by that doctor. */

export async function issue(ctx: Context, prescriptionId: string, patientId: string, totalQuantity: number, refills: number, validUntil: string): Promise<Prescription> {
  const doctor = await requireActor(ctx, ['doctor']);
  const id = prescriptionId === '' ? newObjectId(ctx, 'rx') : requireObjectId('prescriptionId', prescriptionId);
  requireStakeholderId('patientId', patientId);
  const perFill = requirePositiveInteger('totalQuantity', totalQuantity, MAX_UNITS_PER_FILL);
  if (!Number.isInteger(refills) || refills < 0 || refills > MAX_REFILLS) {
    throw new ChaincodeError('INVALID_ARGUMENT', `refills must be a whole number from 0 to ${MAX_REFILLS}`);
  }
  const now = txTimeIso(ctx);
  const until = requireInstant('validUntil', validUntil);
  if (until <= now || until > addSeconds(now, MAX_PRESCRIPTION_VALIDITY_SECONDS)) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'validUntil must be after now and at most 366 days ahead');
  }
  const items = parsePrescriptionItems(requireTransientJson(ctx, 'prescription'));
  await requireActiveStakeholder(ctx, patientId, ['patient']);
  const editQuery: AccessQuery = { patientId, action: 'edit', category: 'prescription' };
  const decision = await decideAccess(ctx, doctor, editQuery);
  const key = prescriptionKey(ctx, id);
  if ((await readObject(ctx, key)) !== undefined) {
    throw new ChaincodeError('ALREADY_EXISTS', `prescription ${id} already exists`);
  }

  const dispensable = perFill * (1 + refills);
  const prescription: Prescription = {
    id,
    patientId,
    doctorId: doctor.stakeholderId,
    totalQuantity: perFill,
    refills,
    dispensableQuantity: dispensable,
    remaining: dispensable,
    dispensedQuantity: 0,
    dispenseCount: 0,
    status: 'active',
    validUntil: until,
    issueBasis: decision.basis,
    issueGrantId: decision.grantId,
    issuedAt: now,
    updatedAt: now,
  };
  const details: PrescriptionDetails = { prescriptionId: id, patientId, items };
  await writeObject(ctx, key, prescription);
  await writePatientPrivate(ctx, patientId, objectKey(ctx, PRESCRIPTION_DETAILS_TYPE, [id]), details);
  await writeIndex(ctx, PRESCRIPTION_BY_PATIENT_INDEX, prescriptionIndexParts(prescription));
  await recordAccess(ctx, doctor, { ...editQuery, recordId: id }, decision, { type: PRESCRIPTION_TYPE, id });
  emitEvent(ctx, 'issue', { prescriptionId: id, patientId, doctorId: doctor.stakeholderId, status: 'active', validUntil: until, at: now });
  return sortedCopy(prescription);
}

export async function cancel(ctx: Context, prescriptionId: string): Promise<Prescription> {
  const doctor = await requireActor(ctx, ['doctor']);
  const prescription = await requirePrescription(ctx, prescriptionId);
  if (prescription.doctorId !== doctor.stakeholderId) {
    throw new ChaincodeError('NOT_OWNER', `only the issuing doctor may cancel prescription ${prescription.id}`);
  }
  requirePrescriptionStatus(prescription, ['active']);
  if (prescription.dispensedQuantity > 0) {
    throw new ChaincodeError('INVALID_STATE', `prescription ${prescription.id} has already been (partly) dispensed`);
  }
  const now = txTimeIso(ctx);
  const updated: Prescription = { ...prescription, status: 'cancelled', cancelledAt: now, updatedAt: now };
  await savePrescription(ctx, prescription, updated);
  emitEvent(ctx, 'cancel', { prescriptionId: updated.id, patientId: updated.patientId, status: updated.status, at: now });
  return sortedCopy(updated);
}
