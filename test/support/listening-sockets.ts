import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** A TCP socket in LISTEN state, as the kernel reports it in /proc/net/tcp and tcp6. */
export interface ListeningSocket {
  address: string;
  port: number;
}

const LISTEN = '0A';

/**
 * The TCP sockets a process listens on, read from /proc (no ss or netstat needed): the process's
 * socket inodes from /proc/PID/fd, matched against the kernel's LISTEN entries.
 */
export function listeningSocketsOf(pid: number): ListeningSocket[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1] !== undefined) inodes.add(match[1]);
    } catch {
      // the descriptor closed while we looked
    }
  }
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === LISTEN && fields[9] !== undefined && inodes.has(fields[9]))
      .map((fields) => socketOf(fields[1] ?? '')),
  );
}

/** "0100007F:1C8E" (little-endian IPv4, or four little-endian words of IPv6) and a hex port. */
function socketOf(local: string): ListeningSocket {
  const [hexAddress = '', hexPort = ''] = local.split(':');
  const words = hexAddress.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((word) => (word.match(/../g) ?? []).reverse().map((pair) => parseInt(pair, 16)));
  const address = bytes.length === 4 ? bytes.join('.') : ipv6(bytes);
  return { address, port: parseInt(hexPort, 16) };
}

function ipv6(bytes: number[]): string {
  const groups: string[] = [];
  for (let index = 0; index < bytes.length; index += 2) {
    groups.push((((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0)).toString(16));
  }
  const text = groups.join(':');
  if (text.startsWith('0:0:0:0:0:ffff:')) {
    const tail = bytes.slice(12);
    return `::ffff:${tail.join('.')}`;
  }
  return text === '0:0:0:0:0:0:0:0' ? '::' : text === '0:0:0:0:0:0:0:1' ? '::1' : text;
}

/** Loopback only: 127.0.0.0/8, ::1, or an IPv4-mapped loopback address. */
export function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}
