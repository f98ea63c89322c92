import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every private write goes through writePatientPrivate (lib/private-data.ts), which indexes the key
 * under its patient so erasure finds it. A putPrivateData anywhere else in the shipped chaincode
 * would write data that erasure cannot find.
 */

const SOURCE_ROOT = join(__dirname, '..');
const CHOKE_POINT = 'lib/private-data.ts';

function shippedSources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'test-support' ? [] : shippedSources(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [relative(SOURCE_ROOT, path).split('\\').join('/')] : [];
  });
}

describe('the private-data choke point', () => {
  it('when the shipped chaincode is scanned, then only lib/private-data.ts calls putPrivateData', () => {
    const writers = shippedSources(SOURCE_ROOT).filter((file) => /\bputPrivateData\s*\(/.test(readFileSync(join(SOURCE_ROOT, file), 'utf8')));

    expect(writers).toEqual([CHOKE_POINT]);
  });

  it('when the scan looks for sources, then it finds the contracts and the choke point itself (so it cannot pass by finding nothing)', () => {
    const sources = shippedSources(SOURCE_ROOT);

    expect(sources).toEqual(expect.arrayContaining([CHOKE_POINT, 'contracts/records-contract.ts', 'contracts/insurance/claims.ts']));
  });
});
