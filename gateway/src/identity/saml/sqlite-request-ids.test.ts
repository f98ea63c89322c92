import { ManualClock, MINUTE } from '../../test-support/manual-clock';
import { openSqliteStore } from '../../wiring/sqlite-store';

describe('SAML request ID store', () => {
  it('when a remembered request ID is answered, then it is accepted once', async () => {
    const clock = new ManualClock();
    const store = openSqliteStore({ clock: clock.now });
    await store.samlRequests.remember('_req1', new Date(clock.now().getTime() + 5 * MINUTE));

    expect(await store.samlRequests.consume('_req1')).toBe(true);
    expect(await store.samlRequests.consume('_req1')).toBe(false);
    await store.close();
  });

  it('when a response answers an ID we never sent, then it is refused', async () => {
    const store = openSqliteStore();

    expect(await store.samlRequests.consume('_unknown')).toBe(false);
    await store.close();
  });

  it('when the request ID has expired, then it is refused', async () => {
    const clock = new ManualClock();
    const store = openSqliteStore({ clock: clock.now });
    await store.samlRequests.remember('_late', new Date(clock.now().getTime() + 5 * MINUTE));

    clock.advance(5 * MINUTE);

    expect(await store.samlRequests.consume('_late')).toBe(false);
    await store.close();
  });
});
