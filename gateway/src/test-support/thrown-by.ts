/**
 * The error `run` throws, so a test can match its fields with toMatchObject (jest's
 * expect.objectContaining is typed `any`); fails the test when `run` returns.
 */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, and it returned');
}

/** thrownBy() for an asynchronous call: the error its promise rejects with; fails the test when it resolves. */
export async function rejectionOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}
