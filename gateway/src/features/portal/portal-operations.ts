import type { Response } from 'express';
import { z } from 'zod';
import { Problem } from '../../api/errors/problems';
import { defineStream, type Operation } from '../../api/operation';
import type { PortalAsset } from './portal-assets';

/**
 * The portal's CSP: its own scripts, styles and images only, API calls to this origin, and nothing
 * inline ('unsafe-inline' and 'unsafe-eval' are absent), so an injected string can never run.
 */
export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const tag = 'Portal';
const NOT_BUILT = 'run node scripts/build-web.mjs (npm start does it) and restart the gateway; the API is documented at /docs meanwhile';

function sendAsset(res: Response, asset: PortalAsset): void {
  res.set('Content-Security-Policy', PORTAL_CSP);
  res.set('Cache-Control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.type(asset.contentType).send(asset.body);
}

/**
 * The web portal (web/), served on the API's own origin so it uses the session cookie and the CSRF
 * token like any browser client: its page at /, its hashed assets, and its icon. Public: the page
 * asks GET /me who is signed in, and shows a signed-out visitor a sign-in button.
 */
export function portalOperations(assets: ReadonlyMap<string, PortalAsset> | undefined): Operation[] {
  const page = { status: 200 as const, description: 'The portal’s page (a single-page app)', schema: z.string(), contentType: 'text/html' };
  return [
    defineStream({
      method: 'get',
      path: '/',
      operationId: 'getPortal',
      summary: 'The web portal for patients, professionals, organisations, the regulator and administrators',
      tag,
      access: 'public',
      response: page,
      errors: [503],
      handle({ res }) {
        const index = assets?.get('/index.html');
        if (index === undefined) throw new Problem('PORTAL_NOT_BUILT', NOT_BUILT);
        sendAsset(res, index);
      },
    }),
    defineStream({
      method: 'get',
      path: '/assets/{asset}',
      operationId: 'getPortalAsset',
      summary: 'A script, stylesheet or image of the portal (content-hashed name, cacheable forever)',
      tag,
      access: 'public',
      params: z.object({ asset: z.string().max(200).describe('The file name the portal’s page refers to') }),
      response: { status: 200, description: 'The asset', schema: z.string(), contentType: '*/*' },
      handle({ params, res }) {
        const asset = assets?.get(`/assets/${params.asset}`);
        if (asset === undefined) throw new Problem('NOT_FOUND', `the portal has no asset ${params.asset}`);
        sendAsset(res, asset);
      },
    }),
    defineStream({
      method: 'get',
      path: '/favicon.svg',
      operationId: 'getPortalIcon',
      summary: 'The portal’s icon',
      tag,
      access: 'public',
      response: { status: 200, description: 'The icon', schema: z.string(), contentType: 'image/svg+xml' },
      errors: [503],
      handle({ res }) {
        const icon = assets?.get('/favicon.svg');
        if (icon === undefined) throw new Problem('PORTAL_NOT_BUILT', NOT_BUILT);
        sendAsset(res, icon);
      },
    }),
  ];
}
