import net from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import type { SignupMode } from '../config.js';

// What `dinkydash serve` tells the person who started it about reaching it
// from a phone. Pure: the machine's interfaces (os.networkInterfaces()) come in.

export type NetworkInterfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

function isLoopback(address: string): boolean {
  if (net.isIPv4(address)) return address.startsWith('127.');
  const lower = address.toLowerCase();
  return lower === '::1' || lower.startsWith('::ffff:127.');
}

/** fe80::/10: a browser cannot open it, since it needs the interface's zone (fe80::1%eth0), which URLs cannot carry. */
function isLinkLocalIPv6(address: string): boolean {
  return /^fe[89ab]/i.test(address);
}

function urlFor(address: string, port: number): string {
  return `http://${net.isIPv6(address) ? `[${address}]` : address}:${port}/`;
}

/**
 * The addresses other machines on the network can open when the server listens
 * on host:port. 0.0.0.0 listens on every IPv4 address, :: on every IPv6 address
 * and (Node's default, dual-stack) every IPv4 one too; a single address is
 * itself. Loopback is for this machine alone, so it gives none.
 */
export function lanUrls(host: string, port: number, interfaces: NetworkInterfaces): string[] {
  if (host === '0.0.0.0' || host === '::') {
    const addresses = Object.values(interfaces)
      .flatMap((list) => list ?? [])
      .filter((info) => !info.internal && !isLoopback(info.address))
      .filter((info) => (info.family === 'IPv4' ? true : host === '::' && !isLinkLocalIPv6(info.address)))
      .sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1))
      .map((info) => info.address);
    return [...new Set(addresses)].map((address) => urlFor(address, port));
  }
  return listensBeyondLoopback(host) ? [urlFor(host, port)] : [];
}

/** Whether anyone but this machine can reach a server listening on host. */
export function listensBeyondLoopback(host: string): boolean {
  return !(host === 'localhost' || isLoopback(host));
}

/**
 * The lines `dinkydash serve` prints after its "serving" line: where a phone
 * opens it, and what listening beyond this machine lets in. None when it
 * listens on loopback only.
 */
export function reachLines(options: { host: string; port: number; signup: SignupMode; interfaces: NetworkInterfaces }): string[] {
  if (!listensBeyondLoopback(options.host)) return [];
  const urls = lanUrls(options.host, options.port, options.interfaces);
  const lines =
    urls.length > 0
      ? [`From a phone or laptop on your home network, open ${urls.join(' or ')}`]
      : ['This machine has no network address but its own (loopback): connect it to your home network to open DinkyDash from a phone.'];
  const signup: Record<SignupMode, string> = {
    open: 'Everyone on this network can reach it, and sign-up is open: anyone who opens it can create a family. Once yours exists, restart with --signup first or --signup closed.',
    first: 'Everyone on this network can reach it; sign-up is open until the first family exists, then only the owner creates families (dinkydash family create).',
    closed: 'Everyone on this network can reach it; sign-up is closed, so only the owner creates families (dinkydash family create).',
  };
  lines.push(signup[options.signup]);
  return lines;
}
