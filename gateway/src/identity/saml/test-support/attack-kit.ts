import type { SignResponseOptions } from '../../dev-idp/dev-idp';
import { asSamlForm, postForm, SAML_MOUNT, startLogin, type SamlTestApp } from './saml-test-app';

/** What an attack is built from: a started login on the test app, and responses the dev IdP signs for it. */
export interface AttackKit {
  requestId: string;
  /** The login-binding cookie of the browser that started this kit's request (`name=value`). */
  cookie: string;
  /** A response the dev IdP signs for this kit's request (patient Alice unless overridden). */
  signed(overrides?: SignResponseOptions): string;
  /** A second, independent login (AuthnRequest ID and the binding cookie of its browser). */
  newLogin(): Promise<{ requestId: string; cookie: string }>;
  /** Posts a response that must be accepted (from this kit's browser unless told), then forgets that it happened. */
  succeedOnce(xml: string, cookie?: string): Promise<void>;
}

/** The kit of one started login (startLogin's request ID and the binding cookie of its browser). */
export function kitFor(app: SamlTestApp, { requestId, cookie }: { requestId: string; cookie: string }): AttackKit {
  return {
    requestId,
    cookie,
    signed: (overrides = {}) => app.idp.signResponse({ inResponseTo: requestId, user: app.idp.users[0], ...overrides }),
    newLogin: async () => startLogin(app),
    succeedOnce: async (xml, fromBrowser = cookie) => {
      const reply = await postForm(app, `${SAML_MOUNT}/acs`, asSamlForm(xml), { Cookie: fromBrowser });
      expect(reply.status).toBe(200);
      app.logins.length = 0;
      app.logger.clear();
    },
  };
}
