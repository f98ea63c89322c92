/**
 * The two calls the benchmark measures, as the REST API and the chaincode see them, so that both
 * clients send the same transaction with the same arguments:
 *   submit   Consent:checkAccess: the patient checks (and logs) access to its own lab results,
 *            a write (one access-log entry per call) every peer endorses and the orderers commit;
 *   evaluate Stakeholder:get: the patient reads its own stakeholder record from one peer.
 */
export const SUBMIT = {
  transaction: 'Consent:checkAccess',
  args: (patientId: string) => [patientId, 'view', 'lab', ''],
  rest: (patientId: string) => ({ method: 'POST', path: `/patients/${patientId}/access-checks`, body: JSON.stringify({ action: 'view', category: 'lab' }) }),
} as const;

export const EVALUATE = {
  transaction: 'Stakeholder:get',
  args: (stakeholderId: string) => [stakeholderId],
  rest: (stakeholderId: string) => ({ method: 'GET', path: `/stakeholders/${stakeholderId}`, body: undefined }),
} as const;

/** A client under test: the same two calls, each resolving once answered. */
export interface BenchClient {
  readonly name: string;
  submit(): Promise<void>;
  evaluate(): Promise<void>;
  /** Called before each measured round. */
  startRound?(): void;
  close(): Promise<void>;
}
