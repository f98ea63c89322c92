import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { perTest } from './per-test';

/** A fresh, empty directory for each test, removed after it: `join(dir.path, 'master.key')`. */
export function useTemporaryDirectory(prefix: string): { readonly path: string } {
  return perTest(
    () => ({ path: mkdtempSync(join(tmpdir(), prefix)) }),
    ({ path }) => {
      rmSync(path, { recursive: true, force: true });
    },
  );
}
