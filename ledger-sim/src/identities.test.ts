import { X509Certificate } from 'node:crypto';
import { FABRIC_CA_ATTRIBUTES_OID, IdentityIssuer } from './identities';

describe('IdentityIssuer', () => {
  it('when an identity is issued, then its certificate is an ECDSA P-256 X.509 certificate of the organization CA', () => {
    const issuer = new IdentityIssuer();

    const certificate = new X509Certificate(issuer.issue({ mspId: 'ProvidersMSP', commonName: 'dr-alice' }).certificatePem);

    expect(certificate.subject).toBe('O=ProvidersMSP\nOU=client\nCN=dr-alice');
    expect(certificate.issuer).toBe('O=ProvidersMSP\nCN=ca.ProvidersMSP');
    expect(certificate.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(certificate.ca).toBe(false);
  });

  it('when identities of two organizations are issued, then each names its own organization CA as issuer', () => {
    const issuer = new IdentityIssuer();

    const provider = new X509Certificate(issuer.issue({ mspId: 'ProvidersMSP', commonName: 'a' }).certificatePem);
    const payer = new X509Certificate(issuer.issue({ mspId: 'PayersMSP', commonName: 'a' }).certificatePem);

    expect(provider.issuer).toBe('O=ProvidersMSP\nCN=ca.ProvidersMSP');
    expect(payer.issuer).toBe('O=PayersMSP\nCN=ca.PayersMSP');
    expect(provider.serialNumber).not.toBe(payer.serialNumber);
  });

  it('when attributes are given, then the fabric-ca extension holds them next to the hf.* defaults', () => {
    const issuer = new IdentityIssuer();

    const pem = issuer.issue({ mspId: 'ProvidersMSP', commonName: 'nurse', attributes: { 'medledger.role': 'nurse', 'hf.Type': 'user' } }).certificatePem;

    const der = new X509Certificate(pem).raw.toString('latin1');
    expect(FABRIC_CA_ATTRIBUTES_OID).toBe('1.2.3.4.5.6.7.8.1');
    expect(der).toContain('{"attrs":{"hf.Affiliation":"","hf.EnrollmentID":"nurse","hf.Type":"user","medledger.role":"nurse"}}');
  });
});
