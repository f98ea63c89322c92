import { fieldsOf } from './rows';

interface Example {
  keyId: string;
  createdAt: number;
  notAfter: string;
  revokedAt?: number;
  sha256Digest?: string;
}

describe('fieldsOf', () => {
  it('when a row is read, then snake_case columns become camelCase fields, an _iso suffix is dropped where the type says so, and NULL columns are absent', () => {
    const row = { key_id: 'k1', created_at: 5, not_after_iso: '2031-01-01T00:00:00.000Z', revoked_at: null, sha256_digest: 'ab' };

    expect(fieldsOf<Example, 'notAfter'>(row)).toEqual({ keyId: 'k1', createdAt: 5, notAfter: '2031-01-01T00:00:00.000Z', sha256Digest: 'ab' });
  });
});
