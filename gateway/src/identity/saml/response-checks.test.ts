import { SamlRefusal } from './refusal';
import { checkSignedResponse } from './response-checks';
import { startLogin, useSamlTestApp } from './test-support/saml-test-app';
import { kitFor } from './test-support/attack-kit';
import { WRAPPING } from './test-support/signature-wrapping';
import { parseStrictXml } from './xml-dom';

const MINUTE = 60_000;

const app = useSamlTestApp();

describe('the hardening alone, as if node-saml had been fooled', () => {
  test.each(WRAPPING.map((wrapping) => [wrapping.name, wrapping] as const))('when given %s, then checkSignedResponse refuses it', async (_name, wrapping) => {
    const genuine = kitFor(app, await startLogin(app)).signed();
    const expectations = { acsUrl: app.options.acsUrl, idpEntityId: app.idp.entityId, clockSkewMs: 2000, maxAssertionAgeMs: 2 * MINUTE, now: new Date() };
    expect(() => checkSignedResponse(parseStrictXml(genuine), expectations)).not.toThrow();
    expect(() => checkSignedResponse(parseStrictXml(wrapping.wrap(genuine)), expectations)).toThrow(SamlRefusal);
  });
});
