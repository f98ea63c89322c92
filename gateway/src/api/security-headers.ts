import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers (HSTS, no sniffing, frame denial, ...) with a CSP for a JSON API that serves no
 * documents: nothing may load and nothing may frame us. helmet's default directives are not merged
 * in, because `upgrade-insecure-requests` would break plain-HTTP development. Routers that serve
 * HTML (the development IdP) set their own policy.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
