import { describeWithPostgres } from '../test-support/postgres-cluster';
import { openPostgresStore } from './postgres-store';
import { describeGatewayStore } from './test-support/store-contract';

// The contract SQLite meets (sqlite-store-contract.test.ts), on PostgreSQL: a fresh database per test.
describeWithPostgres('the PostgreSQL store', (cluster) => {
  describeGatewayStore('PostgreSQL', async () => openPostgresStore({ url: await cluster.createDatabase() }));
});
