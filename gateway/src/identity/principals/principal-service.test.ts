import { samlLogin, useTestGateway } from '../../test-support/test-gateway';

describe('principals', () => {
  const gateway = useTestGateway();

  it('when a person signs in for the first time, then a principal is created with a pseudonymous stakeholder ID and registered on chain', async () => {
    const login = samlLogin('doctor', 'Dr. Alice Example');

    const principal = await gateway.services.principals.signIn(login);

    expect(principal).toMatchObject({ kind: 'person', role: 'doctor', mspId: 'ProvidersMSP', displayName: 'Dr. Alice Example', samlIssuer: login.issuer, samlNameId: login.nameId });
    expect(principal.id).toMatch(/^prn_[a-z2-7]{26}$/);
    expect(principal.stakeholderId).toMatch(/^doc-[0-9a-f]{16}$/);
    const record = JSON.parse(await gateway.services.ledger.evaluate(principal, 'Stakeholder:get', [principal.stakeholderId])) as Record<string, unknown>;
    expect(record).toMatchObject({ id: principal.stakeholderId, role: 'doctor', status: 'pending' });
    expect(JSON.stringify(record)).not.toContain('Alice');
  });

  it('when the same person signs in again, then it is the same principal and nothing is registered twice', async () => {
    const login = samlLogin('patient');
    const first = await gateway.services.principals.signIn(login);

    const second = await gateway.services.principals.signIn(login);

    expect(second).toEqual(first);
  });

  it('when the same person’s first two logins race, then one principal results', async () => {
    const login = samlLogin('patient');

    const [a, b] = await Promise.all([gateway.services.principals.signIn(login), gateway.services.principals.signIn(login)]);

    expect(a.id).toBe(b.id);
  });

  it('when the IdP asserts a different role for an existing person, then the login is refused', async () => {
    const login = samlLogin('patient');
    await gateway.services.principals.signIn(login);

    await expect(gateway.services.principals.signIn({ ...login, role: 'admin' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('when a removed person signs in again, then the login is refused', async () => {
    const login = samlLogin('patient');
    const principal = await gateway.services.principals.signIn(login);
    await gateway.services.principals.disable(principal.id);

    await expect(gateway.services.principals.signIn(login)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('when an organisation is asked for twice, then it is created once, as PayersMSP for a pharmacy', async () => {
    const first = await gateway.services.principals.organisation('pharmacy', 'Acme Pharmacy');
    const second = await gateway.services.principals.organisation('pharmacy', 'Acme Pharmacy');

    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ kind: 'organisation', mspId: 'PayersMSP', stakeholderId: expect.stringMatching(/^pha-/) as unknown });
  });
});
