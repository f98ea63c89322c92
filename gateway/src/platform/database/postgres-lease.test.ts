import { Client } from 'pg';
import { PostgresLease } from './postgres-lease';
import { describeWithPostgres, usePostgresDatabase } from '../../test-support/postgres-cluster';
import { perTest } from '../../test-support/per-test';
import { eventually } from '../../test-support/eventually';

describeWithPostgres('a lease one gateway holds at a time', (cluster) => {
  const database = usePostgresDatabase(cluster);
  const leases: PostgresLease[] = [];
  perTest(
    () => ({}),
    () => Promise.all(leases.splice(0).map((lease) => lease.close())),
  );
  const gateway = (name: string, events: string[]) => {
    const lease = new PostgresLease(database.url, {
      name: 'event-listener',
      onAcquired: () => events.push(`${name} acquired`),
      onLost: () => {
        events.push(`${name} lost`);
      },
      retryMs: 50,
    });
    leases.push(lease);
    return lease;
  };

  it('when two gateways ask for it, then exactly one holds it; when that one closes, the other takes it over', async () => {
    const events: string[] = [];
    const first = gateway('first', events);
    const second = gateway('second', events);

    await first.start();
    await second.start();
    expect([first.held, second.held]).toEqual([true, false]);

    await first.close();
    await eventually(() => second.held);
    expect(events).toEqual(['first acquired', 'first lost', 'second acquired']);
  });

  it('when the holder loses its connection, then it is told, and the lease is soon held again by exactly one gateway', async () => {
    const events: string[] = [];
    const first = gateway('first', events);
    const second = gateway('second', events);
    await first.start();
    await second.start();

    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
    await admin.end();

    await eventually(() => events.length >= 3);
    expect(events.slice(0, 2)).toEqual(['first acquired', 'first lost']);
    expect([first.held, second.held].filter(Boolean)).toHaveLength(1);
  });
});
