import { ERASURE_BATCH_MAX } from '@medledger/chaincode/client';
import { z } from 'zod';
import { defineOperation, type Operation } from '../../api/operation';
import { attachmentDisposition } from './content-disposition';
import { erasureReceiptModel, erasureSummaryModel } from './erasure';
import { patientIdSchema } from './file-schemas';
import type { FilesFeature } from './files-feature';

const tag = 'Medical files';
const patientParams = z.object({ patientId: patientIdSchema });

/** POST /patients/{patientId}/erasure and GET /patients/{patientId}/erasure/receipt: the patient's erasure and its receipt. */
export function erasureOperations(feature: FilesFeature): Operation[] {
  return [
    defineOperation({
      method: 'post',
      path: '/patients/{patientId}/erasure',
      operationId: 'erasePatientFiles',
      summary: 'Erase everything private the patient has: files off chain (crypto-shredding) and every private item on chain',
      description: `Destroys the patient’s key, data keys and blobs and reports it into the on-chain receipt (Records:recordErasure), then calls Records:erasePatientData (up to ${ERASURE_BATCH_MAX} private keys a call) until the receipt is complete: file names, amendment reasons, appointment reasons, service request details, prescription items, claim details and break-glass reasons are purged from the peers with their history; file versions and amendments become tombstones. Safe to repeat: a request after an interruption resumes, one after completion changes nothing and answers the receipt. Read the receipt at GET /patients/{patientId}/erasure/receipt. 403 FORBIDDEN for anyone but the patient themself.`,
      tag,
      access: { scope: 'write', stepUp: true },
      callers: 'the patient themself',
      transaction: 'Records:recordErasure / Records:erasePatientData',
      params: patientParams,
      response: { status: 200, description: 'What this request erased, and the receipt as it stands', schema: erasureSummaryModel },
      async handle({ principal, params }) {
        return (await feature.ready()).erasures.erase(principal, params.patientId);
      },
    }),
    defineOperation({
      method: 'get',
      path: '/patients/{patientId}/erasure/receipt',
      operationId: 'downloadErasureReceipt',
      summary: 'Download the patient’s erasure receipt (JSON attachment)',
      description:
        'The receipt stored on chain, without content: per object type the purged keys (object IDs) and counts, the transaction ID of each batch, the off-chain part (key destroyed, data keys and blobs deleted), and what stays on chain (pseudonymous IDs, statuses, hashes, the access log) and why. Sent with Content-Disposition: attachment. 404 NOT_FOUND when no erasure has started; 403 NOT_OWNER for another patient, ROLE_FORBIDDEN for a professional.',
      tag,
      access: { scope: 'read' },
      callers: 'the patient themself',
      transaction: 'Records:getErasureReceipt',
      params: patientParams,
      response: { status: 200, description: 'The erasure receipt, as a download', schema: erasureReceiptModel },
      async handle({ principal, params, res }) {
        const receipt = await (await feature.ready()).erasures.receipt(principal, params.patientId);
        res.set({ 'Content-Disposition': attachmentDisposition(`erasure-receipt-${params.patientId}.json`), 'Cache-Control': 'no-store' });
        return receipt;
      },
    }),
  ];
}
