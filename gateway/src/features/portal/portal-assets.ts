import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

/** One built file of the portal, held in memory: the build is small and never changes while running. */
export interface PortalAsset {
  body: Buffer;
  contentType: string;
  /** Vite names assets by content hash, so a browser may keep them forever; index.html never. */
  immutable: boolean;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The portal's build (web/dist) by URL path ("/index.html", "/assets/index-abc.js"), or undefined
 * when it was not built. Only these exact files are ever served: a request names a key of this
 * map or gets a 404, so no path from a URL ever reaches the file system.
 */
export function loadPortalAssets(directory: string): ReadonlyMap<string, PortalAsset> | undefined {
  if (!existsSync(join(directory, 'index.html'))) return undefined;
  const assets = new Map<string, PortalAsset>();
  for (const file of filesUnder(directory)) {
    const contentType = CONTENT_TYPES[extname(file)];
    if (contentType === undefined) continue;
    const urlPath = `/${relative(directory, file).split('\\').join('/')}`;
    assets.set(urlPath, { body: readFileSync(file), contentType, immutable: urlPath.startsWith('/assets/') });
  }
  return assets;
}
