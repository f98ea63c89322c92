/**
 * Ports: every published port on loopback, no host port twice.
 */
import { type ComposeFile, type ComposeService, interpolateDefaults, isRecord, textOf } from './compose-model';

/** One short-syntax port entry: "[ip:][host:]container[/protocol]"; ip may be "[ipv6]". */
interface PortSpec {
  /** The host interface, without brackets; undefined when the entry names none (all interfaces). */
  readonly ip: string | undefined;
  /** The host port or range; '' when Docker picks one (container port only, or "ip::container"). */
  readonly host: string;
  readonly protocol: string;
}

/** Parses a short-syntax port entry (after interpolation); undefined if it has too many parts. */
export function parsePortSpec(spec: string): PortSpec | undefined {
  const slash = spec.lastIndexOf('/');
  const mapping = slash === -1 ? spec : spec.slice(0, slash);
  const protocol = slash === -1 ? 'tcp' : spec.slice(slash + 1);
  const bracketed = /^\[([^\]]*)\]:(.*)$/.exec(mapping);
  const host = bracketed ? bracketedHost(bracketed[1] ?? '', bracketed[2] ?? '') : unbracketedHost(mapping.split(':'));
  return host === undefined ? undefined : { ...host, protocol };
}

type HostPart = Omit<PortSpec, 'protocol'>;

/** "[ip]:host:container" */
function bracketedHost(ip: string, rest: string): HostPart | undefined {
  const parts = rest.split(':');
  return parts.length === 2 ? { ip, host: parts[0] ?? '' } : undefined;
}

/** "container", "host:container" or "ip:host:container" */
function unbracketedHost(parts: readonly string[]): HostPart | undefined {
  switch (parts.length) {
    case 1:
      return { ip: undefined, host: '' };
    case 2:
      return { ip: undefined, host: parts[0] ?? '' };
    case 3:
      return { ip: parts[0], host: parts[1] ?? '' };
    default:
      return undefined;
  }
}

/** A host port or range a port entry publishes, as written in `original`. */
interface Published {
  readonly range: string;
  readonly protocol: string;
  readonly original: string;
}

/** Host ports a service publishes, as "port/protocol"; unparseable entries are reported. */
export function publishedHostPorts(service: ComposeService): { ports: string[]; errors: string[] } {
  const ports: string[] = [];
  const errors: string[] = [];
  const entries: unknown[] = Array.isArray(service.ports) ? service.ports : [];
  for (const entry of entries) {
    const published = publishedBy(entry);
    if (typeof published === 'string') {
      errors.push(published);
    } else if (published !== undefined) {
      const expanded = portsIn(published);
      if (typeof expanded === 'string') {
        errors.push(expanded);
      } else {
        ports.push(...expanded);
      }
    }
  }
  return { ports, errors };
}

/** What one port entry publishes: nothing (Docker picks a host port), a range, or why it cannot be read. */
function publishedBy(entry: unknown): Published | string | undefined {
  if (typeof entry === 'number') {
    return undefined; // container port only: Docker picks a free host port
  }
  if (typeof entry === 'string') {
    const spec = parsePortSpec(interpolateDefaults(entry));
    if (spec === undefined) {
      return `cannot parse port entry ${JSON.stringify(entry)}`;
    }
    // "container", "host:container" or "ip:host:container"; an empty host port is ephemeral.
    return spec.host === '' ? undefined : { range: spec.host, protocol: spec.protocol, original: entry };
  }
  if (isRecord(entry)) {
    const protocol = typeof entry.protocol === 'string' ? entry.protocol : 'tcp';
    const published = entry.published;
    return published === undefined || published === null || published === '' ? undefined : { range: interpolateDefaults(textOf(published)), protocol, original: JSON.stringify(entry) };
  }
  return `cannot parse port entry ${JSON.stringify(entry)}`;
}

/** Every "port/protocol" of a published range, or why the range cannot be read. */
function portsIn({ range, protocol, original }: Published): string[] | string {
  const bounds = /^(\d+)(?:-(\d+))?$/.exec(range.trim());
  if (!bounds?.[1]) {
    return `cannot parse host port in ${JSON.stringify(original)}`;
  }
  const first = Number(bounds[1]);
  const last = bounds[2] === undefined ? first : Number(bounds[2]);
  const ports: string[] = [];
  for (let port = first; port <= last; port++) {
    ports.push(`${port}/${protocol}`);
  }
  return ports;
}

/** The interface every published port binds to. Remote access is a deliberate, reviewed change. */
export const PUBLISH_HOST_IP = '127.0.0.1';

/**
 * Every port a service publishes binds to 127.0.0.1. An entry without a host IP, including a
 * bare container port (Docker then picks a host port), listens on every interface.
 */
export function checkLoopbackPorts(compose: ComposeFile): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    const entries = Array.isArray(service.ports) ? service.ports : [];
    for (const entry of entries) {
      let ip: string | undefined;
      if (typeof entry === 'string') {
        const spec = parsePortSpec(interpolateDefaults(entry));
        if (spec === undefined) {
          violations.push(`${name}: cannot parse port entry ${JSON.stringify(entry)}`);
          continue;
        }
        ip = spec.ip;
      } else if (isRecord(entry)) {
        ip = typeof entry.host_ip === 'string' ? interpolateDefaults(entry.host_ip) : undefined;
      }
      // numbers (container port only) and anything else keep ip undefined: all interfaces
      if (ip !== PUBLISH_HOST_IP) {
        violations.push(`${name}: port ${JSON.stringify(entry)} must be published on ${PUBLISH_HOST_IP} ("${PUBLISH_HOST_IP}:host:container")`);
      }
    }
  }
  return violations;
}

/**
 * No two services publish the same host port. Conservative: the host IP is ignored, so
 * 127.0.0.1:80 and 0.0.0.0:80 count as the same port (they do collide on most hosts).
 */
export function checkUniqueHostPorts(compose: ComposeFile): string[] {
  const violations: string[] = [];
  const owners = new Map<string, string>();
  for (const [name, service] of Object.entries(compose.services)) {
    const { ports, errors } = publishedHostPorts(service);
    violations.push(...errors.map((error) => `${name}: ${error}`));
    for (const port of new Set(ports)) {
      const owner = owners.get(port);
      if (owner === undefined) {
        owners.set(port, name);
      } else {
        violations.push(`host port ${port} is published by both ${owner} and ${name}`);
      }
    }
  }
  return violations;
}
