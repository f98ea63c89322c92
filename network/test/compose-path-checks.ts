/**
 * Paths: every bind mount and build context inside the repository, and present in it.
 */
import path from 'node:path';
import { buildOf, type ComposeFile, type ComposeService, interpolateDefaults, isRecord } from './compose-model';

/** A repo-relative path, or a reason why the path is not inside the repository. */
function repoRelative(hostPath: string): { path: string } | { error: string } {
  if (hostPath.startsWith('/') || hostPath.startsWith('~')) {
    return { error: `${hostPath} is outside the repository (use a path relative to the repo root)` };
  }
  const normalized = path.posix.normalize(hostPath);
  if (normalized === '..' || normalized.startsWith('../')) {
    return { error: `${hostPath} is outside the repository` };
  }
  return { path: normalized };
}

/** The host side of each bind mount (named and anonymous volumes are not bind mounts). */
export function bindMountSources(service: ComposeService): string[] {
  const sources: string[] = [];
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  for (const volume of volumes) {
    if (typeof volume === 'string') {
      const spec = interpolateDefaults(volume);
      const colon = spec.indexOf(':');
      if (colon === -1) {
        continue; // anonymous volume: container path only
      }
      const source = spec.slice(0, colon);
      if (/^[./~]/.test(source)) {
        sources.push(source);
      }
    } else if (isRecord(volume) && volume.type === 'bind' && typeof volume.source === 'string') {
      sources.push(interpolateDefaults(volume.source));
    }
  }
  return sources;
}

/** Every bind mount's host path is inside the repository and exists. */
export function checkBindMounts(compose: ComposeFile, existsInRepo: (relativePath: string) => boolean): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    for (const source of bindMountSources(service)) {
      const relative = repoRelative(source);
      if ('error' in relative) {
        violations.push(`${name}: bind mount ${relative.error}`);
      } else if (!existsInRepo(relative.path)) {
        violations.push(`${name}: bind mount source ${source} does not exist in the repository`);
      }
    }
  }
  return violations;
}

/** Every build context and Dockerfile is inside the repository and exists. */
export function checkBuildPaths(compose: ComposeFile, existsInRepo: (relativePath: string) => boolean): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    if (service.build === undefined) {
      continue;
    }
    const build = buildOf(service);
    if (!build) {
      violations.push(`${name}: build must be a path or a mapping`);
      continue;
    }
    const context = repoRelative(build.context);
    if ('error' in context) {
      violations.push(`${name}: build context ${context.error}`);
      continue;
    }
    if (!existsInRepo(context.path)) {
      violations.push(`${name}: build context ${build.context} does not exist in the repository`);
      continue;
    }
    const dockerfile = repoRelative(path.posix.join(context.path, build.dockerfile));
    if ('error' in dockerfile || build.dockerfile.startsWith('/')) {
      violations.push(`${name}: dockerfile ${build.dockerfile} is outside the build context`);
    } else if (!existsInRepo(dockerfile.path)) {
      violations.push(`${name}: dockerfile ${dockerfile.path} does not exist in the repository`);
    }
  }
  return violations;
}
