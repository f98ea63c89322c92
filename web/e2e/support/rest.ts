import type { Browser } from 'playwright-core';
import { DEMO, signIn, type Person } from './browser';

/**
 * REST calls in a person's browser session (its cookie and CSRF token), for a suite's set-up that
 * is not what the suite tests. What a suite tests, it clicks.
 */
export async function restAs(person: Person, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const origin = new URL(person.page.url()).origin;
  const request = person.context.request;
  const csrf = ((await (await request.get(`${origin}/auth/csrf`)).json()) as { csrfToken: string }).csrfToken;
  const response = await request.fetch(`${origin}${path}`, {
    method,
    headers: { 'X-CSRF-Token': csrf, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status(), body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** The person's stakeholder ID on the ledger, as GET /me says. */
export async function stakeholderIdOf(person: Person): Promise<string> {
  const me = await restAs(person, 'GET', '/me');
  return (me.body as { principal: { stakeholderId: string } }).principal.stakeholderId;
}

const PROFESSIONALS = [DEMO.dana, DEMO.harbor, DEMO.pine, DEMO.ivy];

/** Every demo professional signs in once (registering, pending) and the admin verifies them all. */
export async function verifyAllProfessionals(browser: Browser, origin: string): Promise<void> {
  for (const user of PROFESSIONALS) {
    const person = await signIn(browser, origin, user);
    await person.context.close();
  }
  const admin = await signIn(browser, origin, DEMO.ada);
  for (const role of ['doctor', 'hospital', 'pharmacy', 'insurer']) {
    const pending = await restAs(admin, 'GET', `/stakeholders?role=${role}&status=pending`);
    for (const { id } of (pending.body as { items: { id: string }[] }).items) {
      const verified = await restAs(admin, 'POST', `/stakeholders/${id}/verification`, { licenceHash: 'a'.repeat(64) });
      if (verified.status !== 200) throw new Error(`verifying ${id} answered ${verified.status}: ${JSON.stringify(verified.body)}`);
    }
  }
  await admin.context.close();
}
