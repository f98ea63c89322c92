import { DAY } from './consent';
import { doctorSide, insurerSide, onObject, patientSide, pharmacySide, type Case } from './foreign-case';
import { sha } from './records';

const ITEMS = { prescription: { items: [{ medicine: 'Ibuprofen 400 mg', dose: '1 tablet' }] } };

/** The Prescription and Insurance contracts: prescriptions, orders, applications, policies and claims. */
export const CARE_CASES: Case[] = [
  {
    argument: 'Prescription:issue.prescriptionId',
    foreign: (t) => t.b.prescription,
    own: () => 'rx-a-new0001',
    attempt: (t, value) => ({ as: t.a.doctor, fn: 'Prescription:issue', args: [value, t.a.patientId, '10', '0', t.world.at(30 * DAY)], transient: ITEMS }),
    refusal: 'ALREADY_EXISTS',
  },
  {
    argument: 'Prescription:issue.patientId',
    foreign: (t) => t.b.patientId,
    own: (t) => t.a.patientId,
    attempt: (t, value) => ({ as: t.a.doctor, fn: 'Prescription:issue', args: ['rx-a-new0001', value, '10', '0', t.world.at(30 * DAY)], transient: ITEMS }),
    refusal: 'CONSENT_REQUIRED',
  },
  onObject('Prescription:cancel.prescriptionId', (side) => side.prescription, 'NOT_OWNER', doctorSide, (value) => [value]),
  {
    argument: 'Prescription:placeOrder.orderId',
    foreign: (t) => t.b.order,
    own: () => 'ord-a-new0001',
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Prescription:placeOrder', args: [value, t.a.prescription, t.a.pharmacyId, '1', 'online'] }),
    refusal: 'ALREADY_EXISTS',
  },
  {
    argument: 'Prescription:placeOrder.prescriptionId',
    foreign: (t) => t.b.prescription,
    own: (t) => t.a.prescription,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Prescription:placeOrder', args: ['ord-a-new0001', value, t.a.pharmacyId, '1', 'online'] }),
    refusal: 'NOT_OWNER',
  },
  // A's order is placed: dispensing waits for acceptance, confirming receipt for the dispense.
  ...(
    [
      ['acceptOrder', 'ok'],
      ['rejectOrder', 'ok'],
      ['dispense', 'INVALID_STATE'],
      ['readPrescriptionForOrder', 'ok'],
    ] as const
  ).map(([fn, ownOutcome]) => onObject(`Prescription:${fn}.orderId`, (side) => side.order, 'NOT_OWNER', pharmacySide, (value) => [value], { ownOutcome })),
  ...(
    [
      ['cancelOrder', 'ok'],
      ['confirmReceipt', 'INVALID_STATE'],
    ] as const
  ).map(([fn, ownOutcome]) => onObject(`Prescription:${fn}.orderId`, (side) => side.order, 'NOT_OWNER', patientSide, (value) => [value], { ownOutcome })),
  onObject('Prescription:readPrescription.prescriptionId', (side) => side.prescription, 'CONSENT_REQUIRED', patientSide, (value) => [value]),
  onObject('Prescription:getPrescription.prescriptionId', (side) => side.prescription, 'CONSENT_REQUIRED', patientSide, (value) => [value], { evaluate: true }),
  onObject('Prescription:getOrder.orderId', (side) => side.order, 'CONSENT_REQUIRED', patientSide, (value) => [value], { evaluate: true }),
  ...['listPrescriptionsByPatient', 'listOrdersByPatient'].map((fn) =>
    onObject(`Prescription:${fn}.patientId`, (side) => side.patientId, 'CONSENT_REQUIRED', patientSide, (value) => [value, '', '10', ''], { evaluate: true }),
  ),
  {
    argument: 'Insurance:apply.applicationId',
    foreign: (t) => t.b.application,
    own: () => 'app-a-new0001',
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Insurance:apply', args: [value, t.a.packageId, '1', t.a.termsSha256, t.world.at(7 * DAY), ''] }),
    refusal: 'ALREADY_EXISTS',
  },
  {
    argument: 'Insurance:respond.applicationId',
    foreign: (t) => t.b.pendingApplication,
    own: (t) => t.a.pendingApplication,
    attempt: (t, value) => ({ as: t.a.insurer, fn: 'Insurance:respond', args: [value, t.a.termsSha256, '12000'] }),
    refusal: 'NOT_OWNER',
  },
  onObject('Insurance:decline.applicationId', (side) => side.pendingApplication, 'NOT_OWNER', insurerSide, (value) => [value, '']),
  onObject('Insurance:withdraw.applicationId', (side) => side.pendingApplication, 'NOT_OWNER', patientSide, (value) => [value], { ownOutcome: 'DEADLINE_NOT_REACHED' }),
  {
    argument: 'Insurance:submitClaim.claimId',
    foreign: (t) => t.b.claim,
    own: () => 'clm-a-new0001',
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Insurance:submitClaim', args: [value, t.a.policy, sha('d'), '500'], transient: { claim: { details: 'x-ray' } } }),
    refusal: 'ALREADY_EXISTS',
  },
  {
    argument: 'Insurance:submitClaim.policyId',
    foreign: (t) => t.b.policy,
    own: (t) => t.a.policy,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Insurance:submitClaim', args: ['clm-a-new0001', value, sha('d'), '500'], transient: { claim: { details: 'x-ray' } } }),
    refusal: 'NOT_OWNER',
  },
  onObject('Insurance:decideClaim.claimId', (side) => side.claim, 'NOT_OWNER', insurerSide, (value) => [value, 'denied', '0']),
  onObject('Insurance:markPaid.claimId', (side) => side.claim, 'NOT_OWNER', insurerSide, (value) => [value, 'pay-00000001'], { ownOutcome: 'INVALID_STATE' }),
  onObject('Insurance:getApplication.applicationId', (side) => side.application, 'CONSENT_REQUIRED', patientSide, (value) => [value], { evaluate: true }),
  onObject('Insurance:getPolicy.policyId', (side) => side.policy, 'CONSENT_REQUIRED', patientSide, (value) => [value], { evaluate: true }),
  onObject('Insurance:getClaim.claimId', (side) => side.claim, 'CONSENT_REQUIRED', patientSide, (value) => [value], { evaluate: true }),
  onObject('Insurance:readClaim.claimId', (side) => side.claim, 'CONSENT_REQUIRED', patientSide, (value) => [value]),
  onObject('Insurance:listApplicationsByPatient.patientId', (side) => side.patientId, 'CONSENT_REQUIRED', patientSide, (value) => [value, '', '10', ''], { evaluate: true }),
  onObject('Insurance:listPoliciesByPatient.patientId', (side) => side.patientId, 'CONSENT_REQUIRED', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  onObject('Insurance:listClaimsByPolicy.policyId', (side) => side.policy, 'CONSENT_REQUIRED', patientSide, (value) => [value, '', '10', ''], { evaluate: true }),
];
