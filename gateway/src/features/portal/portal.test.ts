import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createTestGateway, useTestGateway } from '../../test-support/test-gateway';
import { useTemporaryDirectory } from '../../test-support/temporary-directory';

/** A stand-in build of web/: the real one is made by scripts/build-web.mjs and tested in a browser (web/e2e). */
function fakeBuild(directory: string): string {
  mkdirSync(join(directory, 'assets'), { recursive: true });
  writeFileSync(join(directory, 'index.html'), '<!doctype html><script type="module" src="/assets/app-1a2b.js"></script>');
  writeFileSync(join(directory, 'assets', 'app-1a2b.js'), 'console.log(1)');
  writeFileSync(join(directory, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return directory;
}

describe('the web portal served at /', () => {
  describe('when it is built', () => {
    const directory = useTemporaryDirectory('medledger-portal-');
    const gateway = useTestGateway(() => createTestGateway({ environment: { MEDLEDGER_WEB_DIR: fakeBuild(directory.path) } }));

    it('when / is fetched, then the page comes with a CSP that allows only its own scripts and styles, nothing inline', async () => {
      const response = await request(gateway.app).get('/');

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('/assets/app-1a2b.js');
      const csp = response.headers['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(response.headers['cache-control']).toBe('no-cache');
    });

    it('when a built asset is fetched, then it is cacheable forever; a name not in the build is 404, however it is spelled', async () => {
      const asset = await request(gateway.app).get('/assets/app-1a2b.js');
      expect([asset.status, asset.headers['content-type'], asset.headers['cache-control']]).toEqual([200, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable']);

      for (const path of ['/assets/missing.js', '/assets/..%2Findex.html', '/assets/%2e%2e%2f%2e%2e%2fpackage.json']) {
        const response = await request(gateway.app).get(path);
        expect([path, response.status]).toEqual([path, 404]);
      }
    });
  });

  describe('when it was never built', () => {
    const directory = useTemporaryDirectory('medledger-portal-empty-');
    const gateway = useTestGateway(() => createTestGateway({ environment: { MEDLEDGER_WEB_DIR: directory.path } }));

    it('when / is fetched, then 503 PORTAL_NOT_BUILT says how to build it', async () => {
      const response = await request(gateway.app).get('/');

      expect([response.status, (response.body as { code: string }).code]).toEqual([503, 'PORTAL_NOT_BUILT']);
      expect((response.body as { detail: string }).detail).toContain('scripts/build-web.mjs');
    });
  });
});
