/**
 * Set-up that is made fresh for the tests and disposed of after them, registered in one line
 * instead of a `let`, a beforeEach and an afterEach in every describe:
 *
 *   const gateway = useTestGateway();                                    // test-gateway.ts
 *   const store = perTest(() => openSqliteStore(), (store) => store.close());
 *
 * What comes back stands in for the value of the test now running: reading one of its members
 * reads that member of the current value, so a test writes `store.notifications` or `gateway.app`
 * as if it held the value itself, and hands the stand-in to helpers that keep it (Actors). Read it
 * inside a test or a hook only; outside one there is no value, and it says so.
 */
export type Lifetime =
  /** beforeEach / afterEach: every test gets its own (the default: tests own their data). */
  | 'test'
  /** beforeAll / afterAll: the tests of the enclosing describe share one. */
  | 'describe';

export function perTest<Value extends object>(make: () => Value | Promise<Value>, dispose: (value: Value) => unknown = () => undefined, lifetime: Lifetime = 'test'): Value {
  let current: Value | undefined;
  const [before, after] = lifetime === 'test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    current = await make();
  });
  after(async () => {
    const made = current;
    current = undefined;
    if (made !== undefined) {
      await dispose(made);
    }
  });
  return standIn(() => {
    if (current === undefined) {
      throw new Error('this set-up exists only while a test runs: read it inside a test or a hook, not when the file is collected');
    }
    return current;
  });
}

/**
 * An object whose members are those of current() at the moment they are read. A method (a function
 * on the prototype) is called on current() itself, so a class's private fields stay reachable; a
 * member that is a function of its own (an Express app, a close callback) is handed over as it is.
 */
function standIn<Value extends object>(current: () => Value): Value {
  return new Proxy({} as Value, {
    get: (_target, member) => {
      const value = current();
      const read: unknown = Reflect.get(value, member);
      if (typeof read !== 'function' || Object.hasOwn(value, member)) {
        return read;
      }
      return (...args: unknown[]): unknown => Reflect.apply(read, value, args);
    },
    has: (_target, member) => Reflect.has(current(), member),
  });
}
