import 'reflect-metadata';
import type { LedgerIdentity } from '@medledger/ledger-sim';
import { contracts } from '../index';
import { fakeSha256, grantConsent } from '../test-support/care';
import { DAY, IDS, MINUTE, checkAccess, createConsentWorld, type ConsentWorld } from '../test-support/consent';
import { createFile } from '../test-support/records';
import { evaluateJson, refusalCode, submitJson } from '../test-support/world';

/**
 * Every list transaction of every contract, found from the contract metadata (any transaction with
 * a `bookmark` parameter), so a new list is covered without touching this file. A bookmark is only
 * the start key of a peer's range scan; the chaincode must refuse any bookmark outside the range
 * the caller may list, or a crafted one lists other parties' keys.
 */
interface ListTransaction {
  name: string;
  parameters: string[];
}

function listTransactions(): ListTransaction[] {
  return contracts.flatMap((contract) => {
    const contractName = new contract().getName();
    const transactions = (Reflect.getMetadata('fabric:transactions', contract.prototype as object) ?? []) as { name: string; parameters: { name: string }[] }[];
    return transactions
      .map((transaction) => ({ name: `${contractName}:${transaction.name}`, parameters: transaction.parameters.map((parameter) => parameter.name) }))
      .filter((transaction) => transaction.parameters.includes('bookmark'));
  });
}

interface Page {
  items: unknown[];
  bookmark: string;
}

const PAGE_SIZE = 100;

describe('list transactions refuse bookmarks outside the caller’s range', () => {
  let world: ConsentWorld;
  let fixtures: Record<string, string>;
  let callers: [string, LedgerIdentity][];
  let stateKeys: string[];

  beforeAll(async () => {
    world = await createConsentWorld();
    // Both patients get objects in every kind of list, so a bookmark that strays from one party's
    // range has another party's keys to read.
    for (const patient of [world.patient, world.otherPatient]) {
      const patientId = patient === world.patient ? IDS.patient : IDS.otherPatient;
      await grantConsent(world, patient, IDS.doctor, { scope: { categories: ['lab'] } });
      await checkAccess(world, world.doctor, patientId, 'view', 'lab');
      await createFile(world, patient, `fil-${patientId.slice(4)}`, patientId);
      await world.ledger.submit(patient, 'Appointment:book', ['', IDS.doctor, world.at(2 * DAY), world.at(2 * DAY + 30 * MINUTE)], {
        transient: { appointment: JSON.stringify({ reason: 'check-up' }) },
      });
    }
    const terms = fakeSha256('a');
    await world.ledger.submit(world.insurer, 'Insurance:publishPackage', ['pkg-basic', terms, '12000', 'EUR', JSON.stringify({ categories: ['lab'], annualLimitMinor: 100000 }), 'Adults']);
    await world.ledger.submit(world.patient, 'Insurance:apply', ['app-0001', 'pkg-basic', '1', terms, world.at(7 * DAY), '']);
    const { policy } = await submitJson<{ policy: { id: string } }>(world, world.insurer, 'Insurance:respond', ['app-0001', terms, '12000']);

    fixtures = { patientId: IDS.patient, filterJson: '', status: '', role: 'doctor', packageId: 'pkg-basic', policyId: policy.id, fileId: `fil-${IDS.patient.slice(4)}` };
    callers = [
      ['patient', world.patient],
      ['doctor', world.doctor],
      ['hospital', world.hospital],
      ['pharmacy', world.pharmacy],
      ['insurer', world.insurer],
      ['regulator', world.regulator],
      ['admin', world.admin],
    ];
    stateKeys = world.ledger.toJSON().state.map((entry) => entry.key);
  });

  function argsOf(transaction: ListTransaction, bookmark: string): string[] {
    return transaction.parameters.map((parameter) => {
      if (parameter === 'bookmark') return bookmark;
      if (parameter === 'pageSize') return String(PAGE_SIZE);
      // Stakeholder:list takes a concrete status; the other lists read '' as "every status".
      if (parameter === 'status' && transaction.name === 'Stakeholder:list') return 'active';
      const value = fixtures[parameter];
      if (value === undefined) {
        throw new Error(`${transaction.name}: add a fixture for the list parameter '${parameter}'`);
      }
      return value;
    });
  }

  /** The first caller the transaction serves, with everything it may list (all pages). */
  async function rightfulList(transaction: ListTransaction): Promise<{ who: string; caller: LedgerIdentity; items: string[] }> {
    for (const [who, caller] of callers) {
      const items: string[] = [];
      let bookmark = '';
      try {
        do {
          const page = await evaluateJson<Page>(world, caller, transaction.name, argsOf(transaction, bookmark));
          items.push(...page.items.map((item) => JSON.stringify(item)));
          bookmark = page.bookmark;
        } while (bookmark !== '');
      } catch {
        continue;
      }
      return { who, caller, items };
    }
    throw new Error(`${transaction.name}: no caller in the world may call it`);
  }

  it('when the metadata is read, then it finds every list transaction of the contracts', () => {
    expect(listTransactions().length).toBeGreaterThanOrEqual(28);
  });

  it.each(listTransactions().map((transaction) => [transaction.name, transaction] as const))(
    'when %s is given a bookmark below, above or beside the caller’s range, or garbage, then it is INVALID_ARGUMENT',
    async (_name, transaction) => {
      const { caller } = await rightfulList(transaction);
      const crafted = ['\u0000', '\u0000accessLog\u0000', '\u0000a', '\u0000zzzz\u0000', '\u{10ffff}', 'garbage', 'not\u0000a\u0000key'];

      for (const bookmark of crafted) {
        expect({ bookmark, code: await refusalCode(world.ledger.evaluate(caller, transaction.name, argsOf(transaction, bookmark))) }).toEqual({ bookmark, code: 'INVALID_ARGUMENT' });
      }
    },
  );

  it.each(listTransactions().map((transaction) => [transaction.name, transaction] as const))(
    'when %s is given every key on the ledger as a bookmark, then it is refused or lists only what the caller may list',
    async (_name, transaction) => {
      const { caller, items } = await rightfulList(transaction);
      const allowed = new Set(items);
      const leaked: string[] = [];
      let accepted = 0;

      for (const bookmark of stateKeys) {
        let page: Page;
        try {
          page = await evaluateJson<Page>(world, caller, transaction.name, argsOf(transaction, bookmark));
        } catch (error) {
          expect((error as Error).message).toMatch(/^INVALID_ARGUMENT: /);
          continue;
        }
        accepted += 1;
        leaked.push(...page.items.map((item) => JSON.stringify(item)).filter((item) => !allowed.has(item)));
      }

      expect(leaked).toEqual([]);
      // keys of other parties and other lists exist, and every one of them was refused
      expect(accepted).toBeLessThan(stateKeys.length);
    },
  );
});
