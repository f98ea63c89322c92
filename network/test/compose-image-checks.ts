/**
 * Image pins: every Fabric image and every Dockerfile base image at the version network.config pins.
 */
import path from 'node:path';
import { buildOf, type ComposeFile, FABRIC_IMAGE, interpolateDefaults, type PinnedVersions } from './compose-model';

/** The violation for one image reference, or undefined if it is not a pinned-wrong Fabric image. */
function fabricImageViolation(ref: string, pins: PinnedVersions): string | undefined {
  const match = FABRIC_IMAGE.exec(ref.trim());
  if (!match) {
    return undefined;
  }
  const [, component, tag] = match;
  const expected = component === 'ca' ? pins.fabricCa : pins.fabric;
  const pinName = component === 'ca' ? 'FABRIC_CA_VERSION' : 'FABRIC_VERSION';
  if (tag !== expected) {
    return `${ref} must be tagged ${expected} (${pinName} in network/network.config)`;
  }
  return undefined;
}

/** Every hyperledger/fabric-* image is tagged with the version pinned in network.config. */
export function checkFabricImageTags(compose: ComposeFile, pins: PinnedVersions): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    if (typeof service.image !== 'string') {
      continue;
    }
    const violation = fabricImageViolation(interpolateDefaults(service.image), pins);
    if (violation) {
      violations.push(`${name}: ${violation}`);
    }
  }
  return violations;
}

/**
 * The base images of a Dockerfile's FROM lines, with ARGs declared before the first FROM
 * substituted: a value from `buildArgs` when given, else the ARG's default.
 */
export function dockerfileBaseImages(dockerfile: string, buildArgs: Readonly<Record<string, string>> = {}): string[] {
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const globals = new Map<string, string>();
  const images: string[] = [];
  let seenFrom = false;
  for (const raw of lines) {
    const line = raw.trim();
    const arg = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?/i.exec(line);
    if (arg?.[1] && !seenFrom) {
      globals.set(arg[1], buildArgs[arg[1]] ?? arg[2] ?? '');
      continue;
    }
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(line);
    if (from?.[1]) {
      seenFrom = true;
      images.push(
        from[1].replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
          (_all: string, braced: string | undefined, fallback: string | undefined, bare: string | undefined) =>
            globals.get(braced ?? bare ?? '') || (fallback ?? '')),
      );
    }
  }
  return images;
}

/**
 * Images built by compose from hyperledger/fabric-* bases are pinned too: both with the build
 * args compose passes and with the Dockerfile's own ARG defaults (a plain `docker build`).
 */
export function checkFabricBuildPins(
  compose: ComposeFile,
  pins: PinnedVersions,
  readRepoFile: (relativePath: string) => string | undefined,
): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    const build = buildOf(service);
    if (!build) {
      continue;
    }
    const dockerfilePath = path.posix.join(build.context, build.dockerfile);
    const text = readRepoFile(dockerfilePath);
    if (text === undefined) {
      continue; // checkBuildPaths reports missing Dockerfiles
    }
    const variants: [string, Readonly<Record<string, string>>][] = [
      ['with the compose build args', build.args],
      ['with the Dockerfile ARG defaults', {}],
    ];
    for (const [label, args] of variants) {
      for (const image of dockerfileBaseImages(text, args)) {
        const violation = fabricImageViolation(image, pins);
        if (violation) {
          violations.push(`${name}: ${dockerfilePath} ${label}: ${violation}`);
        }
      }
    }
  }
  return violations;
}
