import { DAY } from './consent';
import { onObject, patientSide, type Case } from './foreign-case';
import type { Side, TwoPatients } from './two-patients';

const lab = (fileId: string) => JSON.stringify({ recordIds: [fileId] });
const view = '["view"]';

/** Records the consent rows check a grant's and an access check's record IDs against, one per kind. */
const RECORD_KINDS: { label: string; id: (side: Side) => string; category: string }[] = [
  { label: 'a medical file', id: (side) => side.ownFile, category: 'lab' },
  { label: 'a prescription', id: (side) => side.prescription, category: 'prescription' },
  { label: 'an appointment', id: (side) => side.appointment, category: 'appointment' },
  { label: 'a hospital service request', id: (side) => side.service, category: 'billing' },
  { label: 'an insurance claim', id: (side) => side.claim, category: 'billing' },
  { label: 'an insurance application', id: (side) => side.application, category: 'insurance' },
  { label: 'an insurance policy', id: (side) => side.policy, category: 'insurance' },
];

const grantArgs = (t: TwoPatients, scope: string) => [t.a.doctorId, view, scope, 'TREAT', t.world.at(0), t.world.at(30 * DAY)];

/** The Consent and AccessLog contracts: grants, requests, delegations, break-glass and access checks. */
export const CONSENT_CASES: Case[] = [
  ...RECORD_KINDS.map(
    (kind): Case => ({
      argument: 'Consent:grant.scopeJson',
      label: kind.label,
      foreign: (t) => lab(kind.id(t.b)),
      own: (t) => lab(kind.id(t.a)),
      attempt: (t, value) => ({ as: t.a.patient, fn: 'Consent:grant', args: grantArgs(t, value) }),
      refusal: 'NOT_FOUND',
    }),
  ),
  {
    argument: 'Consent:grantFor.scopeJson',
    foreign: (t) => lab(t.b.ownFile),
    own: (t) => lab(t.a.ownFile),
    // The delegate acts for both patients; a grant for A must still name only A's records.
    attempt: (t, value) => ({ as: t.world.delegate, fn: 'Consent:grantFor', args: [t.a.patientId, ...grantArgs(t, value)] }),
    refusal: 'NOT_FOUND',
  },
  {
    argument: 'Consent:grantFor.patientId',
    foreign: (t) => t.b.patientId,
    own: (t) => t.a.patientId,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Consent:grantFor', args: [value, ...grantArgs(t, '{"categories":["lab"]}')] }),
    refusal: 'NOT_OWNER',
  },
  onObject('Consent:revoke.grantId', (side) => side.grant, 'NOT_OWNER', patientSide, (value) => [value]),
  onObject('Consent:getGrant.grantId', (side) => side.grant, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true }),
  onObject('Consent:listGrantsByPatient.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  {
    argument: 'Consent:requestAccess.scopeJson',
    foreign: (t) => lab(t.b.ownFile),
    own: (t) => lab(t.a.ownFile),
    // Not refused when asked (that would tell a professional without consent which record IDs the
    // patient has); the request grants nothing, and approving it as asked is refused.
    prepare: async (t, value) => {
      const asked = await t.world.ledger.submit(t.a.doctor, 'Consent:requestAccess', [t.a.patientId, view, value, 'TREAT', t.world.at(30 * DAY)]);
      return (JSON.parse(asked.payload) as { id: string }).id;
    },
    attempt: (t, value, requestId) => ({ as: t.a.patient, fn: 'Consent:approveRequest', args: [requestId, view, value, t.world.at(30 * DAY)] }),
    refusal: 'NOT_FOUND',
  },
  {
    argument: 'Consent:approveRequest.approvedScopeJson',
    foreign: (t) => lab(t.b.ownFile),
    own: (t) => lab(t.a.ownFile),
    prepare: async (t) => {
      const scope = JSON.stringify({ recordIds: [t.a.ownFile, t.b.ownFile] });
      const asked = await t.world.ledger.submit(t.a.doctor, 'Consent:requestAccess', [t.a.patientId, view, scope, 'TREAT', t.world.at(30 * DAY)]);
      return (JSON.parse(asked.payload) as { id: string }).id;
    },
    attempt: (t, value, requestId) => ({ as: t.a.patient, fn: 'Consent:approveRequest', args: [requestId, view, value, t.world.at(30 * DAY)] }),
    refusal: 'NOT_FOUND',
  },
  {
    argument: 'Consent:approveRequest.requestId',
    foreign: (t) => t.b.request,
    own: (t) => t.a.request,
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Consent:approveRequest', args: [value, view, '{"categories":["lab"]}', t.world.at(DAY)] }),
    refusal: 'NOT_OWNER',
  },
  onObject('Consent:denyRequest.requestId', (side) => side.request, 'NOT_OWNER', patientSide, (value) => [value]),
  onObject('Consent:getRequest.requestId', (side) => side.request, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true }),
  onObject('Consent:listRequestsByPatient.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  onObject('Consent:revokeDelegation.delegationId', (side) => side.delegation, 'NOT_OWNER', patientSide, (value) => [value]),
  onObject('Consent:getDelegation.delegationId', (side) => side.delegation, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true }),
  {
    // A's doctor has a break-glass window open on A: B's file is no file of A (NOT_FOUND); A's own is labelled N, so it needs no opening.
    argument: 'Consent:openBreakGlassRecord.recordId',
    foreign: (t) => t.b.ownFile,
    own: (t) => t.a.ownFile,
    attempt: (t, value) => ({
      as: t.a.doctor,
      fn: 'Consent:openBreakGlassRecord',
      args: [t.a.patientId, value],
      transient: { breakGlassRecord: { reason: 'a second, separate reason', salt: 'cd'.repeat(32) } },
    }),
    refusal: 'NOT_FOUND',
    ownOutcome: 'INVALID_STATE',
  },
  onObject('Consent:getBreakGlass.breakGlassId', (side) => side.breakGlass, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true }),
  onObject('Consent:listBreakGlassByPatient.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  ...RECORD_KINDS.flatMap((kind): Case[] =>
    (['doctor', 'patient'] as const).map((who) => ({
      argument: 'Consent:checkAccess.recordId',
      label: `${kind.label}, checked by ${who === 'doctor' ? 'a doctor with every grant of the patient' : 'the patient'}`,
      foreign: (t) => kind.id(t.b),
      own: (t) => kind.id(t.a),
      attempt: (t, value) => ({ as: t.a[who], fn: 'Consent:checkAccess', args: [t.a.patientId, 'view', kind.category, value] }),
      refusal: 'NOT_FOUND',
    })),
  ),
  {
    argument: 'Consent:checkAccess.patientId',
    foreign: (t) => t.b.patientId,
    own: (t) => t.a.patientId,
    attempt: (t, value) => ({ as: t.a.doctor, fn: 'Consent:checkAccess', args: [value, 'view', 'lab', ''] }),
    refusal: 'CONSENT_REQUIRED',
  },
  onObject('AccessLog:listForPatient.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value, '10', ''], { evaluate: true }),
  onObject('AccessLog:queryForPatient.patientId', (side) => side.patientId, 'NOT_OWNER', patientSide, (value) => [value, '', '10', ''], { evaluate: true }),
];
