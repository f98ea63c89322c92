import { contracts } from '@medledger/chaincode';
import { MemoryLedger } from '@medledger/ledger-sim';
import { certificateNotAfter, fabricCaAttributes } from './certificate-facts';
import { selfSignedIdentity } from './test-support/self-signed';

describe('certificate facts', () => {
  it('when a certificate carries the fabric-ca attribute extension, then its attributes are read', () => {
    const ledger = new MemoryLedger({ contracts });
    const { certificatePem } = ledger.identity({ mspId: 'ProvidersMSP', commonName: 'prn_x', attributes: { 'medledger.role': 'doctor', 'medledger.id': 'doc-123456' } });

    expect(fabricCaAttributes(certificatePem)).toMatchObject({ 'medledger.role': 'doctor', 'medledger.id': 'doc-123456', 'hf.EnrollmentID': 'prn_x' });
  });

  it('when a certificate has no such extension, then it has no attributes', () => {
    expect(fabricCaAttributes(selfSignedIdentity('plain').certificatePem)).toEqual({});
  });

  it('when asked for the expiry, then notAfter is returned as a date', () => {
    const notAfter = certificateNotAfter(selfSignedIdentity('plain').certificatePem);

    expect(notAfter.getTime() - Date.now()).toBeGreaterThan(23 * 60 * 60 * 1000);
    expect(notAfter.getTime() - Date.now()).toBeLessThanOrEqual(24 * 60 * 60 * 1000 + 60_000);
  });
});
