import crypto from 'node:crypto';
import request from 'supertest';
import { allStoredText } from '../../test-support/database-scan';
import { DAY, HOUR } from '../../test-support/manual-clock';
import { signIn, useTestGateway, type SignedIn } from '../../test-support/test-gateway';
import { createdTokenOf, issuedKeyOf, meOf, rotatedKeyOf } from '../../test-support/credential-bodies';
import { matching } from '../../test-support/response-body';

let organisations = 0;

describe('organisation API keys', () => {
  // At debug, so that the log checks below also see the per-request lines.
  const gateway = useTestGateway({ databaseOnDisk: true, environment: { MEDLEDGER_LOG_LEVEL: 'debug' } });
  let admin: SignedIn;

  async function createKey(body: Record<string, unknown> = {}) {
    organisations += 1;
    const response = await request(gateway.app)
      .post('/admin/api-keys')
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ organisation: `Pharmacy ${organisations}`, role: 'pharmacy', scopes: ['read', 'write'], ...body });
    return response;
  }

  async function keyFor(body: Record<string, unknown> = {}): Promise<{ apiKey: string; keyId: string }> {
    const response = await createKey(body);
    expect(response.status).toBe(201);
    const { apiKey, key } = issuedKeyOf(response);
    return { apiKey, keyId: key.keyId };
  }

  const me = (apiKey: string) => request(gateway.app).get('/me').set('Authorization', `ApiKey ${apiKey}`);

  beforeEach(async () => {
    admin = await signIn(gateway, 'admin');
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('when an admin creates a key, then it is shown once as mlk_<keyId>_<secret+checksum> with expiry, scopes and a new organisation principal', async () => {
    const response = await createKey({ days: 30 });

    expect(response.status).toBe(201);
    const issued = issuedKeyOf(response);
    expect(issued.apiKey).toMatch(/^mlk_[a-z2-7]{16}_[0-9A-Za-z]{49}$/);
    expect(issued.key).toMatchObject({ scopes: ['read', 'write'], expiresAt: new Date(gateway.clock.now().getTime() + 30 * DAY).toISOString(), revokedAt: null });
    expect(issued.principal).toMatchObject({ role: 'pharmacy', stakeholderId: matching(/^pha-[0-9a-f]{16}$/) });
    const listed = await request(gateway.app).get('/admin/api-keys').set('Cookie', admin.cookie);
    expect(JSON.stringify(listed.body)).not.toContain(issued.apiKey.slice(22));
  });

  it('when a pharmacy calls /me with its key, then it sees its principal and its stakeholder record from the ledger', async () => {
    const { apiKey } = await keyFor();

    const response = await me(apiKey);

    expect(response.status).toBe(200);
    const { principal, auth, stakeholder } = meOf(response);
    expect(principal).toMatchObject({ kind: 'organisation', role: 'pharmacy' });
    expect(auth).toEqual({ method: 'api-key', scopes: ['read', 'write'] });
    expect(stakeholder).toMatchObject({ id: principal.stakeholderId, role: 'pharmacy', mspId: 'PayersMSP', status: 'pending' });
  });

  it('when the key is sent as X-API-Key, then it works the same', async () => {
    const { apiKey } = await keyFor();

    expect((await request(gateway.app).get('/me').set('X-API-Key', apiKey)).status).toBe(200);
  });

  it('when the key is stored, then the database holds neither the key nor its secret, only an HMAC', async () => {
    const { apiKey, keyId } = await keyFor();

    const stored = allStoredText(gateway.config.databaseFile);

    expect(stored).toContain(keyId);
    expect(stored).not.toContain(apiKey);
    expect(stored).not.toContain(apiKey.slice(22, 65));
  });

  it('when the checksum and the secret’s HMAC are compared, then crypto.timingSafeEqual does both', async () => {
    const { apiKey } = await keyFor();
    const compare = jest.spyOn(crypto, 'timingSafeEqual');

    await me(apiKey).expect(200);

    const comparedLengths = compare.mock.calls.map(([presented]) => presented.byteLength);
    expect(comparedLengths).toContain(6); // the checksum, before any lookup
    expect(comparedLengths).toContain(32); // HMAC-SHA256 of the secret against the stored one
  });

  it('when a key is used or refused, then the use is logged at debug with its key ID, the refusal at warn, and never the key or secret', async () => {
    const { apiKey, keyId } = await keyFor();
    const wrongSecret = `${apiKey.slice(0, 30)}${apiKey[30] === 'A' ? 'B' : 'A'}${apiKey.slice(31)}`;

    await me(apiKey).expect(200);
    await me(wrongSecret).expect(401);

    const keyLines = gateway.logs.entries().filter((entry) => entry.msg === 'api key used' || entry.msg === 'api key refused');
    expect(keyLines).toEqual([expect.objectContaining({ msg: 'api key used', keyId, level: 20 }), expect.objectContaining({ msg: 'api key refused', level: 40 })]);
    expect(gateway.logs.text()).not.toContain(apiKey.slice(22, 65));
    expect(gateway.logs.text()).not.toContain(wrongSecret.slice(22, 65));
  });

  it('when the key has expired, then it is refused with 401', async () => {
    const { apiKey } = await keyFor({ days: 1 });

    gateway.clock.advance(DAY);

    expect((await me(apiKey)).body).toMatchObject({ status: 401, detail: 'API key expired' });
  });

  it('when the key is revoked, then the very next request is refused', async () => {
    const { apiKey, keyId } = await keyFor();
    await me(apiKey).expect(200);

    await request(gateway.app).delete(`/admin/api-keys/${keyId}`).set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrfToken).expect(204);

    expect((await me(apiKey)).body).toMatchObject({ status: 401, detail: 'API key revoked' });
  });

  it('when a read-only key tries to write, then it is refused with 403', async () => {
    const { apiKey } = await keyFor({ scopes: ['read'] });

    const response = await request(gateway.app).delete('/me/tokens/pat_aaaaaaaaaaaaaaaa').set('Authorization', `ApiKey ${apiKey}`);

    expect(response.status).toBe(403);
  });

  it('when a key’s checksum does not match, then it is refused with 401 before any database lookup', async () => {
    const { apiKey } = await keyFor();
    const tampered = `${apiKey.slice(0, -1)}${apiKey.endsWith('A') ? 'B' : 'A'}`;
    const lookup = jest.spyOn(gateway.services.store.apiKeys, 'get');

    const response = await me(tampered);

    expect(response.status).toBe(401);
    expect(lookup).not.toHaveBeenCalled();
  });

  it('when a key is sent in the query string, then it is refused with 401 and never logged', async () => {
    const { apiKey } = await keyFor();

    const byName = await request(gateway.app).get(`/me?api_key=${encodeURIComponent(apiKey)}`);
    const byValue = await request(gateway.app).get(`/version?q=${encodeURIComponent(apiKey)}`);
    const inPath = await request(gateway.app).get(`/me/${apiKey}`);

    expect([byName.status, byValue.status, inPath.status]).toEqual([401, 401, 401]);
    expect(gateway.logs.text()).not.toContain(apiKey.slice(22));
  });

  it('when a key is rotated, then the new key works and the old one keeps working only for the overlap', async () => {
    const { apiKey: oldKey, keyId } = await keyFor();

    const rotated = await request(gateway.app).post(`/admin/api-keys/${keyId}/rotate`).set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrfToken).send({});
    expect(rotated.status).toBe(201);
    const { apiKey: newKey, key, retiredKey } = rotatedKeyOf(rotated);
    expect(retiredKey).toMatchObject({ keyId, replacedBy: key.keyId, expiresAt: new Date(gateway.clock.now().getTime() + 24 * HOUR).toISOString() });

    gateway.clock.advance(23 * HOUR);
    await me(oldKey).expect(200);
    await me(newKey).expect(200);
    gateway.clock.advance(HOUR);
    expect((await me(oldKey)).status).toBe(401);
    await me(newKey).expect(200);
  });

  it('when a second key is made for the same organisation, then it belongs to the same principal', async () => {
    const first = await createKey({ organisation: 'Same Insurer', role: 'insurer' });
    const second = await createKey({ organisation: 'Same Insurer', role: 'insurer' });

    expect(issuedKeyOf(second).principal.id).toBe(issuedKeyOf(first).principal.id);
  });

  it('when a non-admin asks for a key, then it is refused with 403', async () => {
    const doctor = await signIn(gateway, 'doctor');

    const response = await request(gateway.app).post('/admin/api-keys').set('Cookie', doctor.cookie).set('X-CSRF-Token', doctor.csrfToken).send({ organisation: 'X', role: 'pharmacy', scopes: ['read'] });

    expect(response.status).toBe(403);
  });

  it('when an admin uses a token without the admin scope, then key administration is refused', async () => {
    const made = await request(gateway.app).post('/me/tokens').set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrfToken).send({ name: 'ro', scopes: ['read', 'write'] });

    const response = await request(gateway.app).get('/admin/api-keys').set('Authorization', `Bearer ${createdTokenOf(made).token}`);

    expect(response.status).toBe(403);
  });

  it('when a key is asked for a person role or with the admin scope, then it is refused with 422', async () => {
    expect((await createKey({ role: 'patient' })).status).toBe(422);
    expect((await createKey({ scopes: ['admin'] })).status).toBe(422);
  });

  it('when a stored key holds a scope its organisation’s role does not allow, then verification drops it, and a key left with none is refused', async () => {
    const { principal } = issuedKeyOf(await createKey());
    const organisation = await gateway.services.store.principals.get(principal.id);
    if (organisation === undefined) throw new Error('no organisation principal');
    const widened = await gateway.services.apiKeys.issue(organisation, ['read', 'admin'], 30);
    const adminOnly = await gateway.services.apiKeys.issue(organisation, ['admin'], 30);

    const widenedMe = await me(widened.apiKey);
    const adminOnlyMe = await me(adminOnly.apiKey);
    const adminRoute = await request(gateway.app).get('/admin/api-keys').set('Authorization', `ApiKey ${widened.apiKey}`);

    expect(widenedMe.status).toBe(200);
    expect(meOf(widenedMe).auth).toEqual({ method: 'api-key', scopes: ['read'] });
    expect(adminOnlyMe.status).toBe(401);
    expect(await gateway.services.apiKeys.verify(adminOnly.apiKey)).toMatchObject({ ok: false, reason: 'API key has no scope its organisation’s role allows' });
    expect(adminRoute.status).toBe(403);
    expect(gateway.logs.entries()).toContainEqual(expect.objectContaining({ msg: 'api key refused', refusal: 'API key has no scope its organisation’s role allows' }));
  });

  it('when an API key and a different bearer token are both sent, then the request is refused rather than guessed', async () => {
    const { apiKey } = await keyFor();

    const response = await request(gateway.app).get('/me').set('X-API-Key', apiKey).set('Authorization', 'Bearer mlpat_x');

    expect(response.status).toBe(401);
  });
});
