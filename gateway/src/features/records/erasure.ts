import { ERASURE_BATCH_MAX, patientErasure, type PatientErasure } from '@medledger/chaincode/client';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Problem } from '../../api/errors/problems';
import type { Principal } from '../../identity/principals/principal';
import type { LedgerCalls } from '../../ledger/ledger-calls';
import type { FileService } from './file-service';

/**
 * A patient's erasure, as a story: the gateway crypto-shreds everything it holds off chain (the
 * patient's key first, then data keys and blobs) and reports it into the on-chain receipt, then
 * purges the patient's private data on chain batch by batch until the receipt is complete. Each
 * step is safe to repeat, so a second request finishes whatever an interrupted one left.
 */

/** What one erasure request did, and the receipt as it stands after it. */
export const erasureSummaryModel = z.object({
  patientId: z.string(),
  filesErased: z.int().describe('Files whose head became an erased tombstone during this request'),
  keysPurged: z.int().describe('Private keys purged on chain during this request'),
  batches: z.int().describe('Records:erasePatientData calls that purged something during this request'),
  kekDestroyed: z.boolean(),
  dataKeysDestroyed: z.int(),
  blobsDeleted: z.int(),
  blobDeleteFailures: z.int(),
  erasure: patientErasure,
  txId: z.string().describe('The last ledger transaction of this request'),
});
export type ErasureSummary = z.infer<typeof erasureSummaryModel>;

const kept = (what: string, why: string) => ({ what, why });

/** What the ledger keeps after an erasure, and why; the same for every patient. */
export const REMAINS_ON_CHAIN = [
  kept(
    'Pseudonymous IDs, object types, statuses and timestamps of your files, appointments, service requests, prescriptions, orders, claims, consents and break-glass openings',
    'The ledger is shared by every organisation and is append-only: its public state is the integrity record every party verifies, and removing it would break the chain of blocks for everyone.',
  ),
  kept(
    'Hashes: the ciphertext SHA-256 of each erased file version, invoice and terms hashes, the salted hash of a break-glass reason',
    'A hash proves which (now undecryptable or purged) content existed without revealing it, so an auditor can confirm what was erased.',
  ),
  kept(
    'The access log (who accessed which record, when, on what basis and for what purpose)',
    'Accounting of disclosures (HIPAA §164.528) and audit controls (§164.312(b)) require it; GDPR Art. 17(3) exempts records kept to meet a legal obligation.',
  ),
  kept('This receipt', 'It proves the erasure happened and what it covered; it holds no content.'),
];

export const erasureReceiptModel = z.object({
  receipt: patientErasure,
  remainsOnChain: z.array(z.object({ what: z.string(), why: z.string() })).describe('What the ledger keeps after erasure, and why'),
});
export type ErasureReceipt = z.infer<typeof erasureReceiptModel>;

/** Enough rounds for ERASURE_BATCH_MAX × this many private items; a patient with more repeats the request. */
const MAX_BATCHES_PER_REQUEST = 1000;

export class PatientErasures {
  constructor(
    private readonly files: FileService,
    private readonly ledger: LedgerCalls,
    private readonly logger: Logger,
  ) {}

  async erase(principal: Principal, patientId: string): Promise<ErasureSummary> {
    if (principal.role !== 'patient' || principal.stakeholderId !== patientId) {
      throw new Problem('FORBIDDEN', 'only the patient themself may erase their data');
    }
    const offChain = await this.files.erasePatient(patientId);
    const reported = await this.ledger.submitWithTxId(principal, 'Records:recordErasure', [
      patientId,
      String(offChain.kekDestroyed),
      String(offChain.dataKeysDestroyed),
      String(offChain.blobsDeleted),
      String(offChain.blobDeleteFailures.length),
    ]);
    const before = reported.result;
    let current = { result: before, txId: reported.txId };
    let rounds = 0;
    do {
      current = await this.ledger.submitWithTxId(principal, 'Records:erasePatientData', [patientId, String(ERASURE_BATCH_MAX)]);
      rounds += 1;
    } while (current.result.status !== 'complete' && rounds < MAX_BATCHES_PER_REQUEST);
    const receipt = current.result;
    const summary: ErasureSummary = {
      patientId,
      filesErased: receipt.filesErased - before.filesErased,
      keysPurged: receipt.keysPurged - before.keysPurged,
      batches: receipt.batches.length - before.batches.length,
      kekDestroyed: offChain.kekDestroyed,
      dataKeysDestroyed: offChain.dataKeysDestroyed,
      blobsDeleted: offChain.blobsDeleted,
      blobDeleteFailures: offChain.blobDeleteFailures.length,
      erasure: receipt,
      txId: current.txId,
    };
    this.logger.info({ patientId, keysPurged: summary.keysPurged, batches: summary.batches, status: receipt.status, txId: current.txId }, 'patient erasure run');
    return summary;
  }

  async receipt(principal: Principal, patientId: string): Promise<ErasureReceipt> {
    const receipt: PatientErasure = await this.ledger.evaluateJson(principal, 'Records:getErasureReceipt', [patientId]);
    return { receipt, remainsOnChain: REMAINS_ON_CHAIN };
  }
}
