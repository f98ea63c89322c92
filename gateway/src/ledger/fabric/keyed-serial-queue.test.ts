import { KeyedSerialQueue } from './keyed-serial-queue';

describe('KeyedSerialQueue', () => {
  it('when tasks share a key, then they run one after another in call order, even after a failure', async () => {
    const queue = new KeyedSerialQueue();
    const events: string[] = [];
    const task = (name: string, fail = false) => async () => {
      events.push(`${name}:start`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${name}:end`);
      if (fail) {
        throw new Error(name);
      }
      return name;
    };

    const results = await Promise.allSettled([queue.run('k', task('a', true)), queue.run('k', task('b')), queue.run('other', task('c'))]);

    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(events.indexOf('a:end')).toBeLessThan(events.indexOf('b:start'));
    expect(events.indexOf('c:start')).toBeLessThan(events.indexOf('a:end'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.pendingKeys).toBe(0);
  });
});
