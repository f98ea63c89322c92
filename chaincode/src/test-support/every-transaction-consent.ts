import { CAST, fakeHash, type Story } from './every-transaction';

/** IDs the later parts of the story rely on. */
export interface ConsentFacts {
  delegationId: string;
}

const SALT = Buffer.alloc(32, 7).toString('base64');

/** Stakeholder, Platform, Consent and AccessLog: every transaction once. */
export async function consentStory(story: Story): Promise<ConsentFacts> {
  const { who, submit, evaluate, inDays, world } = story;

  await submit(world.admin, 'Stakeholder:verify', [CAST.pendingPharmacy, fakeHash('e')]);
  await submit(world.admin, 'Stakeholder:suspend', [CAST.suspendedDoctor]);
  await submit(world.admin, 'Stakeholder:reinstate', [CAST.suspendedDoctor]);
  await evaluate(who.patient, 'Stakeholder:get', [CAST.doctor]);
  await evaluate(world.admin, 'Stakeholder:list', ['doctor', 'active', '10', '']);

  await world.ledger.evaluate(who.patient, 'Platform:getVersion');
  await world.ledger.submit(who.patient, 'Platform:ping', ['every transaction']);

  // The doctor may see and write everything of the patient's care; the delegate acts for the patient.
  const everything = JSON.stringify({ categories: ['appointment', 'billing', 'clinical-note', 'imaging', 'insurance', 'lab', 'prescription'] });
  const doctorGrant = await submit<{ id: string }>(who.patient, 'Consent:grant', [CAST.doctor, '["view","edit"]', everything, 'TREAT', inDays(0), inDays(60)]);
  const delegation = await submit<{ id: string }>(who.patient, 'Consent:grantDelegation', [CAST.delegate, inDays(60)]);
  const hospitalGrant = await submit<{ id: string }>(who.delegate, 'Consent:grantFor', [
    CAST.patient,
    CAST.hospital,
    '["view"]',
    '{"categories":["lab"]}',
    'CAREMGT',
    inDays(0),
    inDays(30),
  ]);
  await submit(who.patient, 'Consent:revoke', [hospitalGrant.id]);
  await evaluate(who.patient, 'Consent:getGrant', [doctorGrant.id]);
  await evaluate(who.patient, 'Consent:listGrantsByPatient', [CAST.patient, '10', '']);
  await evaluate(who.doctor, 'Consent:listGrantsByGrantee', ['10', '']);

  // The pharmacy asks to see prescriptions and gets it; the insurer asks for more and is refused.
  const pharmacyRequest = await submit<{ id: string }>(who.pharmacy, 'Consent:requestAccess', [
    CAST.patient,
    '["view"]',
    '{"categories":["prescription"]}',
    'TREAT',
    inDays(60),
  ]);
  await submit(who.patient, 'Consent:approveRequest', [pharmacyRequest.id, '["view"]', '{"categories":["prescription"]}', inDays(60)]);
  const insurerRequest = await submit<{ id: string }>(who.insurer, 'Consent:requestAccess', [
    CAST.patient,
    '["view","edit"]',
    '{"categories":["lab","imaging"]}',
    'COVERAGE',
    inDays(30),
  ]);
  await submit(who.delegate, 'Consent:denyRequest', [insurerRequest.id]);
  await evaluate(who.insurer, 'Consent:getRequest', [insurerRequest.id]);
  await evaluate(who.patient, 'Consent:listRequestsByPatient', [CAST.patient, '10', '']);
  await evaluate(who.pharmacy, 'Consent:listRequestsByRequester', ['10', '']);

  await evaluate(who.delegate, 'Consent:getDelegation', [delegation.id]);
  await evaluate(who.patient, 'Consent:listDelegationsByPatient', ['10', '']);
  await evaluate(who.delegate, 'Consent:listDelegationsByDelegate', ['10', '']);

  const breakGlass = await submit<{ id: string }>(who.doctor, 'Consent:breakGlass', [CAST.patient], { breakGlass: { reason: 'found unconscious', salt: SALT } });
  await evaluate(who.patient, 'Consent:getBreakGlass', [breakGlass.id]);
  await evaluate(who.regulator, 'Consent:listBreakGlassByPatient', [CAST.patient, '10', '']);
  await submit(who.doctor, 'Consent:checkAccess', [CAST.patient, 'view', 'lab', '']);

  // The insurer's request was denied: its lab read is refused, and the refusal recorded.
  await submit(who.insurer, 'AccessLog:recordRefusal', [CAST.patient, 'view', 'lab', '', '', '']);
  await evaluate(who.patient, 'AccessLog:listMine', ['10', '']);
  await evaluate(who.regulator, 'AccessLog:listForPatient', [CAST.patient, '10', '']);
  await evaluate(who.patient, 'AccessLog:queryMine', ['{"outcome":"refused"}', '10', '']);
  await evaluate(who.delegate, 'AccessLog:queryForPatient', [CAST.patient, '{"category":"lab"}', '10', '']);
  await evaluate(who.regulator, 'AccessLog:stats', [world.now().toISOString().slice(0, 10)]);

  return { delegationId: delegation.id };
}

/** Ends the story's delegation (called last, so the delegate can act until then). */
export async function endDelegation(story: Story, facts: ConsentFacts): Promise<void> {
  await story.submit(story.who.patient, 'Consent:revokeDelegation', [facts.delegationId]);
}
