import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { callerOf } from '../lib/caller';
import { emitEvent } from '../lib/events';
import { objectKey, writeObject } from '../lib/state';
import { txTimeIso } from '../lib/time';
import { requireText } from '../lib/validation';

/** The contract's own release; bump with every deployed change of behaviour. */
export const CHAINCODE_VERSION = '0.1.0';

/**
 * Platform-level transactions: a read-only version query and a liveness ping that exercises the
 * full path (certificate attributes, a write, an event) for smoke and integration tests.
 */
@Info({ title: 'Platform', description: 'Version and liveness of the MedLedger chaincode' })
export class PlatformContract extends Contract {
  constructor() {
    super('Platform');
  }

  @Transaction(false)
  @Returns('string')
  getVersion(_ctx: Context): Promise<string> {
    return Promise.resolve(CHAINCODE_VERSION);
  }

  /** Records that a MedLedger identity reached the chaincode; refuses certificates without our attributes. */
  @Transaction()
  @Returns('string')
  async ping(ctx: Context, label: string): Promise<string> {
    const caller = callerOf(ctx);
    const record = { label: requireText('label', label, 64), by: caller.stakeholderId, at: txTimeIso(ctx), txId: ctx.stub.getTxID() };
    await writeObject(ctx, objectKey(ctx, 'ping', [record.txId]), record);
    emitEvent(ctx, 'ping', record);
    return record.txId;
  }
}
