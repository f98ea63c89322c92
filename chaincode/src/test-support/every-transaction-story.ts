import { createStory, type RecordedResult, type Story } from './every-transaction';
import { appointmentStory, careEnding, hospitalServiceStory, prescriptionStory } from './every-transaction-care';
import { consentStory, endDelegation } from './every-transaction-consent';
import { insuranceEnding, insuranceStory } from './every-transaction-insurance';
import { erasureStory, recordsStory } from './every-transaction-records';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Runs the whole story: every transaction of every contract at least once, the steps that wait
 * for a deadline after moving the ledger clock, erasure last. Returns what each call returned, in
 * call order.
 */
export async function runEveryTransaction(): Promise<RecordedResult[]> {
  const recorded: RecordedResult[] = [];
  await playEveryTransaction(recorded);
  return recorded;
}

/** The same story, returning it (its world and cast) for tests that go on from where it ends. */
export async function playEveryTransaction(recorded: RecordedResult[] = []): Promise<Story> {
  const story = await createStory(recorded);
  const consent = await consentStory(story);
  await recordsStory(story);
  await prescriptionStory(story);
  const care = await appointmentStory(story);
  await hospitalServiceStory(story);
  const insurance = await insuranceStory(story);

  story.world.setTime(new Date(story.world.now().getTime() + 2 * DAY_MS));
  await careEnding(story, care);
  await insuranceEnding(story, insurance);
  await erasureStory(story);
  await endDelegation(story, consent);
  // Last, so its result lists the whole story: GetMetadata names every transaction there is.
  await story.world.ledger.evaluate(story.who.patient, 'org.hyperledger.fabric:GetMetadata');
  return story;
}
