/** Resolves once `condition` holds, checking every 20 ms; fails after `timeoutMs` (for what arrives asynchronously: LISTEN/NOTIFY, leases). */
export async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`the condition did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
