import request from 'supertest';
import { signIn, useTestGateway } from '../../test-support/test-gateway';
import { createdTokenOf, meOf } from '../../test-support/credential-bodies';
import { including } from '../../test-support/response-body';

describe('/me', () => {
  const gateway = useTestGateway();

  it('when a signed-in patient asks, then it gets its principal, session auth with its scopes, and its active stakeholder record', async () => {
    const user = await signIn(gateway, 'patient');

    const response = await request(gateway.app).get('/me').set('Cookie', user.cookie);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      principal: { id: user.principal.id, kind: 'person', role: 'patient', stakeholderId: user.principal.stakeholderId, displayName: 'Test patient' },
      auth: { method: 'session', scopes: ['read', 'write'] },
      stakeholder: including({ id: user.principal.stakeholderId, role: 'patient', mspId: 'ProvidersMSP', status: 'active' }),
    });
  });

  it('when the person removes the account, then sessions, tokens and the ledger identity all stop working', async () => {
    const user = await signIn(gateway, 'doctor');
    const made = await request(gateway.app).post('/me/tokens').set('Cookie', user.cookie).set('X-CSRF-Token', user.csrfToken).send({ name: 't', scopes: ['read'] });

    const removal = await request(gateway.app).delete('/me').set('Cookie', user.cookie).set('X-CSRF-Token', user.csrfToken);

    expect(removal.status).toBe(204);
    expect((await request(gateway.app).get('/me').set('Cookie', user.cookie)).status).toBe(401);
    expect((await request(gateway.app).get('/me').set('Authorization', `Bearer ${createdTokenOf(made).token}`)).status).toBe(401);
    await expect(gateway.services.ledger.evaluate(user.principal, 'Stakeholder:get', [user.principal.stakeholderId])).rejects.toMatchObject({ code: 'IDENTITY_REVOKED' });
  });

  it('when a token holder tries to remove the account, then only a signed-in session may do it', async () => {
    const user = await signIn(gateway);
    const made = await request(gateway.app).post('/me/tokens').set('Cookie', user.cookie).set('X-CSRF-Token', user.csrfToken).send({ name: 't', scopes: ['read', 'write'] });

    expect((await request(gateway.app).delete('/me').set('Authorization', `Bearer ${createdTokenOf(made).token}`)).status).toBe(403);
  });

  it('when a request claims a role in a header or the body, then the principal’s own role is what counts', async () => {
    const user = await signIn(gateway, 'patient');

    const response = await request(gateway.app).get('/me').set('Cookie', user.cookie).set('X-Role', 'admin').set('X-MedLedger-Role', 'admin');

    expect(meOf(response).principal.role).toBe('patient');
    expect((await request(gateway.app).get('/admin/api-keys').set('Cookie', user.cookie).set('X-Role', 'admin')).status).toBe(403);
  });
});
