import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium, type HeadlessChromium } from '../../test-support/chromium';
import { createTestGateway, type TestGateway } from '../../test-support/test-gateway';

/**
 * What a newcomer does after `npm start`: open the sign-in link, pick the demo patient on the
 * development IdP page, and land on /me, in a real Chromium against the whole gateway app.
 */
describe('browser login through the development IdP to /me', () => {
  let server: Server;
  let gateway: TestGateway;
  let browser: HeadlessChromium | undefined;

  beforeAll(async () => {
    // The ACS URL is part of what SAML checks, so the app is built once the port is known.
    let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
      res.end();
    };
    server = createServer((req, res) => {
      handle(req, res);
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    gateway = createTestGateway({ sso: true, environment: { MEDLEDGER_PUBLIC_URL: origin, MEDLEDGER_DEV_IDP: 'on' } });
    handle = gateway.app;
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
    await gateway.close();
  });

  it('when the demo patient signs in, then /me shows the patient and its on-chain stakeholder record', async () => {
    browser = await launchChromium();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const { port } = server.address() as AddressInfo;

    await page.goto(`http://127.0.0.1:${port}/auth/saml/login?returnTo=/me`);
    await page.getByText('Development identity provider').waitFor();
    const meResponse = page.waitForResponse((response) => new URL(response.url()).pathname === '/me');
    await page.getByRole('button', { name: 'Alice Patient' }).click();
    const me = (await (await meResponse).json()) as { principal: { role: string; stakeholderId: string }; stakeholder: { id: string; status: string } };

    expect(me.principal.role).toBe('patient');
    expect(me.stakeholder).toMatchObject({ id: me.principal.stakeholderId, status: 'active' });
    const cookies = await browser.context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'medledger_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });
});
