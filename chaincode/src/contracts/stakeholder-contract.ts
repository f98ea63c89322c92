import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { ROLES, STAKEHOLDER_STATUSES, isProfessional, type Page, type Role, type Stakeholder, type StakeholderStatus } from '../contract';
import { readStakeholder, requireActor, stakeholderKey } from '../lib/actors';
import { callerOf } from '../lib/caller';
import { ChaincodeError } from '../lib/errors';
import { emitEvent } from '../lib/events';
import { pageOfKeys } from '../lib/paging';
import { sortedCopy } from '../lib/serialization';
import { deleteIndex, writeIndex, writeObject } from '../lib/state';
import { txTimeIso } from '../lib/time';
import { requireOneOf, requireSha256, requireStakeholderId } from '../lib/validation';
import { STAKEHOLDER_BY_ROLE_INDEX } from '../models/stakeholder';

const OVERSEERS: readonly Role[] = ['admin', 'regulator'];

/** Writes the record and moves its role/status index entry when the status changed. */
async function saveStakeholder(ctx: Context, record: Stakeholder, previousStatus?: StakeholderStatus): Promise<void> {
  if (previousStatus !== undefined && previousStatus !== record.status) {
    await deleteIndex(ctx, STAKEHOLDER_BY_ROLE_INDEX, [record.role, previousStatus, record.id]);
  }
  await writeObject(ctx, stakeholderKey(ctx, record.id), record);
  await writeIndex(ctx, STAKEHOLDER_BY_ROLE_INDEX, [record.role, record.status, record.id]);
}

/**
 * One step of a stakeholder's lifecycle (verify, suspend, reinstate): the record must be in
 * `step.from`; `change` gives the new record at transaction time, which is saved (moving its
 * role/status index entry) and announced with who took the step.
 */
async function stepStatus(
  ctx: Context,
  record: Stakeholder,
  step: { transaction: string; from: StakeholderStatus; by: Record<string, string> },
  change: (now: string) => Stakeholder,
): Promise<Stakeholder> {
  if (record.status !== step.from) {
    throw new ChaincodeError('INVALID_STATE', `stakeholder ${record.id} is ${record.status}, not ${step.from}`);
  }
  const now = txTimeIso(ctx);
  const updated = change(now);
  await saveStakeholder(ctx, updated, record.status);
  emitEvent(ctx, step.transaction, { stakeholderId: record.id, status: updated.status, ...step.by, at: now });
  return sortedCopy(updated);
}

async function requireTarget(ctx: Context, stakeholderId: string): Promise<Stakeholder> {
  requireStakeholderId('stakeholderId', stakeholderId);
  const record = await readStakeholder(ctx, stakeholderId);
  if (record === undefined) {
    throw new ChaincodeError('NOT_FOUND', `stakeholder ${stakeholderId} does not exist`);
  }
  return record;
}

/**
 * Stakeholder registry. Everyone self-registers from their certificate (role and pseudonymous ID
 * are certificate attributes); professionals start 'pending' until an admin or the regulator has
 * checked their licence off chain and records its SHA-256 here.
 */
@Info({ title: 'Stakeholder', description: 'Registration, verification and suspension of MedLedger participants' })
export class StakeholderContract extends Contract {
  constructor() {
    super('Stakeholder');
  }

  /** The caller registers itself; professionals wait for verification, others are active at once. */
  @Transaction()
  @Returns('Stakeholder')
  async register(ctx: Context): Promise<Stakeholder> {
    const caller = callerOf(ctx);
    if ((await readStakeholder(ctx, caller.stakeholderId)) !== undefined) {
      throw new ChaincodeError('ALREADY_EXISTS', `stakeholder ${caller.stakeholderId} is already registered`);
    }
    const now = txTimeIso(ctx);
    const record: Stakeholder = {
      id: caller.stakeholderId,
      role: caller.role,
      mspId: caller.mspId,
      status: isProfessional(caller.role) ? 'pending' : 'active',
      registeredAt: now,
      updatedAt: now,
    };
    await saveStakeholder(ctx, record);
    emitEvent(ctx, 'register', { stakeholderId: record.id, role: record.role, status: record.status, at: now });
    return sortedCopy(record);
  }

  /** An admin or the regulator confirms a pending professional, recording the licence document's hash. */
  @Transaction()
  @Returns('Stakeholder')
  async verify(ctx: Context, stakeholderId: string, licenceHash: string): Promise<Stakeholder> {
    const actor = await requireActor(ctx, OVERSEERS);
    requireSha256('licenceHash', licenceHash);
    const record = await requireTarget(ctx, stakeholderId);
    return stepStatus(ctx, record, { transaction: 'verify', from: 'pending', by: { verifiedBy: actor.stakeholderId } }, (now) => ({
      ...record,
      status: 'active',
      licenceHash,
      verifiedBy: actor.stakeholderId,
      verifiedAt: now,
      updatedAt: now,
    }));
  }

  /** An admin or the regulator suspends an active stakeholder; every transaction it attempts is then refused. */
  @Transaction()
  @Returns('Stakeholder')
  async suspend(ctx: Context, stakeholderId: string): Promise<Stakeholder> {
    const actor = await requireActor(ctx, OVERSEERS);
    const record = await requireTarget(ctx, stakeholderId);
    if (record.id === actor.stakeholderId) {
      throw new ChaincodeError('INVALID_ARGUMENT', 'a stakeholder cannot suspend itself');
    }
    return stepStatus(ctx, record, { transaction: 'suspend', from: 'active', by: { suspendedBy: actor.stakeholderId } }, (now) => ({
      ...record,
      status: 'suspended',
      suspendedBy: actor.stakeholderId,
      suspendedAt: now,
      updatedAt: now,
    }));
  }

  /** An admin or the regulator lifts a suspension. */
  @Transaction()
  @Returns('Stakeholder')
  async reinstate(ctx: Context, stakeholderId: string): Promise<Stakeholder> {
    const actor = await requireActor(ctx, OVERSEERS);
    const record = await requireTarget(ctx, stakeholderId);
    return stepStatus(ctx, record, { transaction: 'reinstate', from: 'suspended', by: { reinstatedBy: actor.stakeholderId } }, (now) => {
      const updated: Stakeholder = { ...record, status: 'active', updatedAt: now };
      delete updated.suspendedBy;
      delete updated.suspendedAt;
      return updated;
    });
  }

  /**
   * Any MedLedger identity may look up a stakeholder (records are pseudonymous), including its own
   * record before verification, to see whether it is still pending.
   */
  @Transaction(false)
  @Returns('Stakeholder')
  async get(ctx: Context, stakeholderId: string): Promise<Stakeholder> {
    callerOf(ctx);
    return sortedCopy(await requireTarget(ctx, stakeholderId));
  }

  /**
   * Stakeholders by role and status. Admins and the regulator may list any; other active
   * stakeholders may list active professionals only (to choose whom to grant or send work to).
   */
  @Transaction(false)
  @Returns('StakeholderPage')
  async list(ctx: Context, role: string, status: string, pageSize: number, bookmark: string): Promise<Page<Stakeholder>> {
    const actor = await requireActor(ctx, ROLES);
    const wantedRole = requireOneOf('role', role, ROLES);
    const wantedStatus = requireOneOf('status', status, STAKEHOLDER_STATUSES);
    if (!OVERSEERS.includes(actor.role) && !(isProfessional(wantedRole) && wantedStatus === 'active')) {
      throw new ChaincodeError('ROLE_FORBIDDEN', `role ${actor.role} may list active professionals only`);
    }
    const page = await pageOfKeys(ctx, STAKEHOLDER_BY_ROLE_INDEX, [wantedRole, wantedStatus], pageSize, bookmark);
    const items: Stakeholder[] = [];
    for (const entry of page.entries) {
      const record = entry.parts[2] === undefined ? undefined : await readStakeholder(ctx, entry.parts[2]);
      if (record !== undefined) {
        items.push(record);
      }
    }
    return sortedCopy({ items, bookmark: page.bookmark });
  }
}
