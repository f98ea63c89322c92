import { openSqliteStore } from '../wiring/sqlite-store';

describe('Fabric identity records', () => {
  it('when a record is put and put again, then the latest is returned with optional fields intact', async () => {
    const store = openSqliteStore();
    const record = { principalId: 'prn_1', mspId: 'PayersMSP', certificatePem: 'CERT', encryptedPrivateKey: 'v1.a.b.c', notAfter: '2031-01-01T00:00:00.000Z', enrollmentId: 'pha-1' };

    await store.fabricIdentities.put(record);
    expect(await store.fabricIdentities.get('prn_1')).toEqual(record);
    await store.fabricIdentities.put({ ...record, revokedAt: '2030-06-01T00:00:00.000Z' });

    expect(await store.fabricIdentities.get('prn_1')).toEqual({ ...record, revokedAt: '2030-06-01T00:00:00.000Z' });
    expect(await store.fabricIdentities.get('prn_2')).toBeUndefined();
    await store.close();
  });
});
