import { inflateRawSync } from 'node:zlib';
import { kitFor } from './test-support/attack-kit';
import { asSamlForm, DEV_IDP_MOUNT, postForm, SAML_MOUNT, startLogin, useSamlTestApp, type SamlTestApp } from './test-support/saml-test-app';

const MINUTE = 60_000;

/** The AuthnRequest GET {mount}/login sends to the IdP, as XML. */
async function authnRequestOf(app: SamlTestApp, query: string): Promise<{ xml: string; location: URL; cookie: string }> {
  const reply = await fetch(`${app.origin}${SAML_MOUNT}/login${query}`, { redirect: 'manual' });
  const location = new URL(reply.headers.get('location') ?? 'missing:');
  const cookie = reply.headers.getSetCookie().find((header) => header.startsWith('medledger_saml_login='))?.split(';')[0] ?? '';
  return { xml: inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8'), location, cookie };
}

/** SAML instants carry whole seconds. */
const toSecond = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

describe('step-up sign-in: ForceAuthn out, AuthnInstant back', () => {
  const app = useSamlTestApp();

  it('when login starts with forceAuthn=true, then the AuthnRequest carries ForceAuthn="true"; without it or with any other value, none (still a redirect)', async () => {
    const forced = await authnRequestOf(app, '?forceAuthn=true');
    const plain = await authnRequestOf(app, '');
    const notForced = await authnRequestOf(app, '?forceAuthn=false');
    const unknownValue = await authnRequestOf(app, '?forceAuthn=maybe');

    expect(forced.xml).toMatch(/<samlp:AuthnRequest[^>]* ForceAuthn="true"/);
    expect(plain.xml).not.toContain('ForceAuthn');
    expect(notForced.xml).not.toContain('ForceAuthn');
    expect(unknownValue.location.pathname).toMatch(/sso$/);
    expect(unknownValue.xml).not.toContain('ForceAuthn');
  });

  it('when the development IdP gets a ForceAuthn request, then its page asks to sign in again; without, it does not', async () => {
    const forced = await fetch((await authnRequestOf(app, '?forceAuthn=true')).location);
    const plain = await fetch((await authnRequestOf(app, '')).location);

    expect(forced.status).toBe(200);
    expect(await forced.text()).toContain('Sign in again.');
    expect(await plain.text()).not.toContain('Sign in again.');
  });

  it('when the IdP answers after single sign-on with an old AuthnInstant, then the login says when the person authenticated, not when they came back', async () => {
    const authenticatedLongAgo = toSecond(new Date(Date.now() - 20 * MINUTE));
    const kit = kitFor(app, await startLogin(app));

    const reply = await postForm(app, `${SAML_MOUNT}/acs`, asSamlForm(kit.signed({ authnInstant: authenticatedLongAgo })), { Cookie: kit.cookie });

    expect(reply.status).toBe(200);
    expect(app.logins.at(-1)?.authenticatedAt).toEqual(authenticatedLongAgo);
  });

  it('when a person signs in again through the development IdP after ForceAuthn, then the response’s AuthnInstant is new', async () => {
    const started = toSecond(new Date());
    const login = await authnRequestOf(app, '?forceAuthn=true');
    const idpPage = await (await fetch(login.location)).text();
    const requestId = /name="requestId" value="([^"]+)"/.exec(idpPage)?.[1] ?? '';
    const answer = await postForm(app, `${DEV_IDP_MOUNT}/sso/respond`, { requestId, nameId: app.idp.users[0]?.nameId ?? '' });
    const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(answer.text)?.[1] ?? '';

    const reply = await postForm(app, `${SAML_MOUNT}/acs`, { SAMLResponse: samlResponse }, { Cookie: login.cookie });

    expect(idpPage).toContain('Sign in again.');
    expect(reply.status).toBe(200);
    expect(Buffer.from(samlResponse, 'base64').toString('utf8')).toMatch(/AuthnInstant="[^"]+"/);
    expect(app.logins.at(-1)?.authenticatedAt?.getTime()).toBeGreaterThanOrEqual(started.getTime());
  });
});
