import { execFileSync } from 'node:child_process';
import { newKeyAndCertificateRequest } from './certificate-request';

describe('newKeyAndCertificateRequest', () => {
  it('when a request is made, then OpenSSL verifies its self-signature and reads the common name and key', async () => {
    const { privateKey, csrPem } = await newKeyAndCertificateRequest('prn_abcdefghijklmnopqrstuvwxyz');

    const text = execFileSync('openssl', ['req', '-verify', '-noout', '-subject', '-pubkey'], { input: csrPem, stdio: ['pipe', 'pipe', 'pipe'] }).toString();

    expect(text).toContain('CN = prn_abcdefghijklmnopqrstuvwxyz');
    expect(text).toContain(privateKey.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? '-----BEGIN PUBLIC KEY-----' : 'unexpected curve');
    expect(text).toContain(
      execFileSync('openssl', ['pkey', '-pubout'], { input: privateKey.export({ format: 'pem', type: 'pkcs8' }) })
        .toString()
        .trim(),
    );
  });
});
