import type { Pool } from 'pg';
import { openPostgresPool } from './postgres-database';
import { MAX_PAYLOAD_BYTES, PostgresChannel } from './postgres-channel';
import { describeWithPostgres, usePostgresDatabase } from '../../test-support/postgres-cluster';
import { perTest } from '../../test-support/per-test';
import { eventually } from '../../test-support/eventually';

const CHANNEL = 'medledger_test';

/** Resolves when `condition` holds, polling; fails after `timeoutMs`. */
describeWithPostgres('a LISTEN/NOTIFY channel between gateways', (cluster) => {
  const database = usePostgresDatabase(cluster);
  const opened: { pool?: Pool; channels: PostgresChannel[] } = { channels: [] };
  perTest(
    () => ({}),
    async () => {
      await Promise.all(opened.channels.splice(0).map((channel) => channel.close()));
      await opened.pool?.end();
      delete opened.pool;
    },
  );
  const pool = (): Pool => (opened.pool ??= openPostgresPool(database.url));
  const listen = async (received: string[], events: string[] = []) => {
    const channel = await PostgresChannel.listen(database.url, {
      channel: CHANNEL,
      onMessage: (payload) => received.push(payload),
      onError: () => events.push('error'),
      onResumed: () => events.push('resumed'),
      retryMs: 50,
    });
    opened.channels.push(channel);
    return channel;
  };

  it('when a message is published, then every listening gateway receives it, the publisher included', async () => {
    const first: string[] = [];
    const second: string[] = [];
    await listen(first);
    await listen(second);

    await PostgresChannel.publish(pool(), CHANNEL, '{"id":1}');

    await eventually(() => first.length === 1 && second.length === 1);
    expect([first, second]).toEqual([['{"id":1}'], ['{"id":1}']]);
  });

  it('when it is published inside a transaction, then it is delivered only if the transaction commits', async () => {
    const received: string[] = [];
    await listen(received);
    const client = await pool().connect();
    await client.query('BEGIN');
    await PostgresChannel.publish(client, CHANNEL, 'rolled back');
    await client.query('ROLLBACK');
    await client.query('BEGIN');
    await PostgresChannel.publish(client, CHANNEL, 'committed');
    await client.query('COMMIT');
    client.release();

    await eventually(() => received.length > 0);
    expect(received).toEqual(['committed']);
  });

  it('when the listening connection is cut, then it listens again, says so, and receives what is published afterwards', async () => {
    const received: string[] = [];
    const events: string[] = [];
    const channel = await listen(received, events);

    await pool().query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN medledger_test'");
    await eventually(() => events.includes('resumed'));
    await PostgresChannel.publish(pool(), CHANNEL, 'after the cut');

    await eventually(() => received.length > 0);
    expect(received).toEqual(['after the cut']);
    expect(events).toEqual(['error', 'resumed']);
    expect(channel.listening).toBe(true);
  });

  it('when a payload is too large for NOTIFY, then publishing refuses it before sending', async () => {
    await expect(PostgresChannel.publish(pool(), CHANNEL, 'x'.repeat(MAX_PAYLOAD_BYTES + 1))).rejects.toThrow(/at most 7999 bytes/);
  });
});
