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
