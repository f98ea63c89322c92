import { describeWithPostgres, usePostgresDatabase } from '../../test-support/postgres-cluster';
import { perTest } from '../../test-support/per-test';
import { openPostgresPool } from '../../platform/database/postgres-database';
import { openPostgresStore } from '../../wiring/postgres-store';
import type { GatewayStore } from '../../wiring/gateway-store';
import type { NotificationBody, StoredNotification } from './notification';
import { PostgresNotificationBus } from './postgres-notification-bus';
import { eventually } from '../../test-support/eventually';

const body = (detail: string): NotificationBody => ({ type: 'record.updated', priority: 'normal', at: '2031-01-01T00:00:00.000Z', summary: detail }) as unknown as NotificationBody;

describeWithPostgres('notifications fanned out to every gateway on one PostgreSQL database', (cluster) => {
  const database = usePostgresDatabase(cluster);
  const stops: (() => Promise<void>)[] = [];
  const world = perTest(
    async () => {
      const store: GatewayStore = await openPostgresStore({ url: database.url });
      const pool = openPostgresPool(database.url);
      const bus = () => new PostgresNotificationBus({ url: database.url, pool, store: store.notifications });
      return { store, pool, bus };
    },
    async ({ store, pool }) => {
      await Promise.all(stops.splice(0).map((stop) => stop()));
      await pool.end();
      await store.close();
    },
  );
  const listen = async (received: StoredNotification[]) => {
    stops.push(await world.bus().subscribe((notifications) => received.push(...notifications)));
  };

  it('when one gateway publishes stored notifications, then every gateway receives each of them, its own included', async () => {
    const publisher: StoredNotification[] = [];
    const other: StoredNotification[] = [];
    await listen(publisher);
    await listen(other);
    const stored = await world.store.notifications.insert(
      [
        { principalId: 'prn_a', body: body('first') },
        { principalId: 'prn_b', body: body('second') },
      ],
      new Date(),
      10,
    );

    await world.bus().publish(stored);

    await eventually(() => publisher.length === 2 && other.length === 2);
    expect(other).toEqual(stored);
    expect(publisher).toEqual(stored);
  });

  it('when a notification is too large for NOTIFY, then its keys travel and the receiver reads it from the table', async () => {
    const received: StoredNotification[] = [];
    await listen(received);
    const [large] = await world.store.notifications.insert([{ principalId: 'prn_a', body: body('x'.repeat(9000)) }], new Date(), 10);
    if (large === undefined) throw new Error('nothing stored');

    await world.bus().publish([large]);

    await eventually(() => received.length === 1);
    expect(received).toEqual([large]);
  });
});
