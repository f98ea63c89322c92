import { randomBytes } from 'node:crypto';
import { FileError } from '../errors';
import { uniqueFileId, uniquePatientId } from '../file-test-helpers';
import { thrownBy } from '../../test-support/thrown-by';
import { kekSealingKey, sealKek, unsealKek, unwrapDataKey, wrapDataKey } from './key-wrap';

function binding(): { keyRef: string; kekId: string; fileId: string; patientId: string } {
  return { keyRef: randomBytes(16).toString('hex'), kekId: randomBytes(16).toString('hex'), fileId: uniqueFileId(), patientId: uniquePatientId() };
}

describe('key wrapping', () => {
  it('when a data key is wrapped under a KEK, then the same KEK and binding unwrap it', () => {
    const kek = randomBytes(32);
    const dataKey = randomBytes(32);
    const bound = binding();
    expect(unwrapDataKey(kek, bound, wrapDataKey(kek, bound, dataKey)).equals(dataKey)).toBe(true);
  });

  it("when another patient's KEK is used, then unwrapping is refused", () => {
    const bound = binding();
    const wrapped = wrapDataKey(randomBytes(32), bound, randomBytes(32));
    expect(thrownBy(() => unwrapDataKey(randomBytes(32), bound, wrapped))).toMatchObject({ code: 'FILE_KEY_UNAVAILABLE' });
  });

  it.each(['keyRef', 'kekId', 'fileId', 'patientId'] as const)('when the wrapped key is presented with another %s, then unwrapping is refused', (field) => {
    const kek = randomBytes(32);
    const bound = binding();
    const wrapped = wrapDataKey(kek, bound, randomBytes(32));
    const other = { ...bound, [field]: binding()[field] };
    expect(() => unwrapDataKey(kek, other, wrapped)).toThrow(FileError);
  });

  it('when a KEK is sealed, then only the same master key and patient unseal it', () => {
    const master = randomBytes(32);
    const kek = randomBytes(32);
    const patientId = uniquePatientId();
    const sealed = sealKek(kekSealingKey(master), patientId, 'kek-1', kek);
    expect(unsealKek(kekSealingKey(master), patientId, 'kek-1', sealed).equals(kek)).toBe(true);
    expect(thrownBy(() => unsealKek(kekSealingKey(randomBytes(32)), patientId, 'kek-1', sealed))).toMatchObject({ code: 'KEY_VAULT_FAILED' });
    expect(() => unsealKek(kekSealingKey(master), uniquePatientId(), 'kek-1', sealed)).toThrow(FileError);
  });

  it('when the master key is not 32 bytes, then no sealing key is derived', () => {
    expect(() => kekSealingKey(randomBytes(16))).toThrow(FileError);
  });
});
