import { CAST, fakeHash, type Story } from './every-transaction';

/** IDs the story's closing steps need. */
export interface InsuranceFacts {
  unansweredApplicationId: string;
}

const COVERAGE = JSON.stringify({ categories: ['lab', 'imaging'], annualLimitMinor: 100000, copayPercent: 10 });

/** Insurance: every transaction once but withdraw, which needs a deadline to have passed (insuranceEnding). */
export async function insuranceStory(story: Story): Promise<InsuranceFacts> {
  const { who, submit, evaluate, inDays } = story;
  const terms = fakeHash('b');
  await submit(who.insurer, 'Insurance:publishPackage', ['pkg-every-1', fakeHash('a'), '12000', 'EUR', COVERAGE, 'Adults under 65']);
  await submit(who.insurer, 'Insurance:publishPackageVersion', ['pkg-every-1', terms, '13000', 'EUR', COVERAGE, 'Adults under 65, no waiting period']);
  await evaluate(who.patient, 'Insurance:getPackage', ['pkg-every-1']);
  await evaluate(who.patient, 'Insurance:getPackageVersion', ['pkg-every-1', '1']);
  await evaluate(who.patient, 'Insurance:listPackages', ['10', '']);
  await evaluate(who.patient, 'Insurance:listPackageVersions', ['pkg-every-1', '10', '']);

  const apply = (id: string, deadlineDays: number) =>
    submit<{ id: string }>(who.patient, 'Insurance:apply', [id, 'pkg-every-1', '2', terms, inDays(deadlineDays), '']);
  const accepted = await apply('app-every-1', 10);
  const answer = await submit<{ policy: { id: string } }>(who.insurer, 'Insurance:respond', [accepted.id, terms, '13000']);
  const mismatched = await apply('', 10);
  await submit(who.insurer, 'Insurance:respond', [mismatched.id, terms, '14000']);
  const declined = await apply('', 10);
  await submit(who.insurer, 'Insurance:decline', [declined.id, 'pkg-every-1']);
  const unanswered = await apply('', 1);

  const policyId = answer.policy.id;
  const claim = await submit<{ id: string }>(who.patient, 'Insurance:submitClaim', ['clm-every-1', policyId, fakeHash('c'), '5000'], {
    claim: { details: 'MRI of the left knee' },
  });
  await submit(who.insurer, 'Insurance:decideClaim', [claim.id, 'partially-approved', '3000']);
  await submit(who.insurer, 'Insurance:markPaid', [claim.id, 'TR-2026/0001']);

  await evaluate(who.patient, 'Insurance:getApplication', [accepted.id]);
  await evaluate(who.patient, 'Insurance:listApplicationsByPatient', [CAST.patient, '', '10', '']);
  await evaluate(who.insurer, 'Insurance:listApplicationsByInsurer', ['', '10', '']);
  await evaluate(who.patient, 'Insurance:getPolicy', [policyId]);
  await evaluate(who.patient, 'Insurance:listPoliciesByPatient', [CAST.patient, '10', '']);
  await evaluate(who.insurer, 'Insurance:listPoliciesByInsurer', ['10', '']);
  await evaluate(who.insurer, 'Insurance:getClaim', [claim.id]);
  await submit(who.patient, 'Insurance:readClaim', [claim.id]);
  await evaluate(who.insurer, 'Insurance:listClaimsByPolicy', [policyId, '', '10', '']);
  await evaluate(who.insurer, 'Insurance:listClaimsByInsurer', ['', '10', '']);
  return { unansweredApplicationId: unanswered.id };
}

/** Steps that need the ledger clock past an application's response deadline. */
export async function insuranceEnding(story: Story, facts: InsuranceFacts): Promise<void> {
  await story.submit(story.who.patient, 'Insurance:withdraw', [facts.unansweredApplicationId]);
}
