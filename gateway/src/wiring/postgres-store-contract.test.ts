import { randomBytes } from 'node:crypto';
import { uniquePatientId } from '../files/file-test-helpers';
import { openStoreKeyVault } from '../files/keys/store-key-vault';
import { describeKeyVault } from '../files/keys/test-support/key-vault-contract';
import { describeWithPostgres } from '../test-support/postgres-cluster';
import type { GatewayStore } from './gateway-store';
import { openPostgresStore } from './postgres-store';
import { describeGatewayStore } from './test-support/store-contract';

// The contracts SQLite meets (sqlite-store-contract.test.ts), on PostgreSQL: a fresh database per test.
describeWithPostgres('the PostgreSQL store', (cluster) => {
  describeGatewayStore('PostgreSQL', async () => openPostgresStore({ url: await cluster.createDatabase() }));

  describeKeyVault('PostgreSQL store', async () => {
    const store = await openPostgresStore({ url: await cluster.createDatabase() });
    return { open: (master) => openStoreKeyVault(store.fileKeys, master), close: () => store.close() };
  });

  describe('the key vault shared by two gateways on one database', () => {
    const stores: GatewayStore[] = [];
    const twoGateways = async (): Promise<[GatewayStore, GatewayStore]> => {
      const url = await cluster.createDatabase();
      stores.push(await openPostgresStore({ url }), await openPostgresStore({ url }));
      return stores.slice(-2) as [GatewayStore, GatewayStore];
    };
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((store) => store.close()));
    });

    it('when both create the same patients\' KEKs at once, then each patient ends with one KEK both use', async () => {
      const [a, b] = await twoGateways();
      const master = randomBytes(32);
      const [first, second] = await Promise.all([openStoreKeyVault(a.fileKeys, master), openStoreKeyVault(b.fileKeys, master)]);
      const patients = Array.from({ length: 20 }, () => uniquePatientId());

      const pairs = await Promise.all(patients.map((patientId) => Promise.all([first.getOrCreateKek(patientId), second.getOrCreateKek(patientId)])));

      for (const [fromFirst, fromSecond] of pairs) {
        expect(fromSecond.kekId).toBe(fromFirst.kekId);
        expect(fromSecond.key.equals(fromFirst.key)).toBe(true);
      }
    });

    it('when they start at once with different master keys, then exactly one opens the vault and the other gets KEY_VAULT_FAILED', async () => {
      const [a, b] = await twoGateways();

      const outcomes = await Promise.allSettled([openStoreKeyVault(a.fileKeys, randomBytes(32)), openStoreKeyVault(b.fileKeys, randomBytes(32))]);

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'KEY_VAULT_FAILED' } });
    });
  });
});
