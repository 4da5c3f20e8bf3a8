import { isIPv4, isIPv6 } from 'node:net';

// Which addresses a feed may be fetched from. A family admin types the feed's
// address, so without this check any admin could make the Pi fetch from the
// owner's router, a printer, the Pi's own services or a cloud metadata service
// and show the answer on a dashboard (server-side request forgery).

/** Where an IP address points: 'public' is the internet, everything else is refused by default. */
export type AddressRange =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

/** Words for an admin, completing "… which is …". */
export const ADDRESS_RANGE_WORDS: Record<Exclude<AddressRange, 'public'>, string> = {
  loopback: 'this device itself (loopback)',
  private: 'a private network address',
  'link-local': 'a link-local address (such as a cloud metadata service)',
  shared: "a carrier's shared address (CGNAT)",
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  reserved: 'a reserved address',
};

/** The environment variable by which the owner lets feeds come from the local network. */
export const ALLOW_PRIVATE_FEEDS_VARIABLE = 'DINKYDASH_FEEDS_ALLOW_PRIVATE';

/** Whether the owner allows feeds from private, loopback and other non-public addresses (a calendar server at home). */
export function feedsMayUsePrivateAddresses(env: Record<string, string | undefined> = process.env): boolean {
  return env[ALLOW_PRIVATE_FEEDS_VARIABLE]?.trim() === '1';
}

type Ipv4Block = readonly [base: string, prefixLength: number, range: AddressRange];

// Checked in order; the first block holding the address decides.
const IPV4_BLOCKS: readonly Ipv4Block[] = [
  ['255.255.255.255', 32, 'broadcast'],
  ['0.0.0.0', 8, 'unspecified'], // "this network"; 0.0.0.0 reaches the Pi itself on Linux
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments, incl. NAT64 discovery
  ['192.0.2.0', 24, 'reserved'], // documentation
  ['192.88.99.0', 24, 'reserved'], // old 6to4 relays
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'reserved'], // documentation
  ['203.0.113.0', 24, 'reserved'], // documentation
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function ipv4Range(address: string): AddressRange {
  const value = ipv4ToNumber(address);
  for (const [base, prefixLength, range] of IPV4_BLOCKS) {
    const size = 2 ** (32 - prefixLength);
    if (Math.floor(value / size) === Math.floor(ipv4ToNumber(base) / size)) return range;
  }
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (already checked by isIPv6), a dotted IPv4 tail included. */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dottedTail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dottedTail?.[1]) {
    const value = ipv4ToNumber(dottedTail[1]);
    text = text.slice(0, -dottedTail[1].length) + `${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const headGroups = parse(head);
  if (tail === undefined) return headGroups;
  const tailGroups = parse(tail);
  return [...headGroups, ...new Array<number>(8 - headGroups.length - tailGroups.length).fill(0), ...tailGroups];
}

function embeddedIpv4(high: number, low: number): string {
  return [high >>> 8, high & 0xff, low >>> 8, low & 0xff].join('.');
}

function ipv6Range(address: string): AddressRange {
  const g = ipv6Groups(address);
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const firstSixZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0;
  if (firstSixZero && g6 === 0 && g7 === 0) return 'unspecified';
  if (firstSixZero && g6 === 0 && g7 === 1) return 'loopback';
  // Forms that carry an IPv4 address and reach it: IPv4-mapped (::ffff:a.b.c.d),
  // IPv4-translated (::ffff:0:a.b.c.d) and NAT64 (64:ff9b::/96, local-use 64:ff9b:1::/48).
  // They are judged by the IPv4 address inside, or ::ffff:127.0.0.1 would pass as "not loopback".
  const mapped = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff;
  const translated = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0;
  const nat64 = g0 === 0x64 && g1 === 0xff9b && (g2 === 0 || g2 === 1) && g3 === 0 && g4 === 0 && g5 === 0;
  if (mapped || translated || nat64) return ipv4Range(embeddedIpv4(g6, g7));
  if (firstSixZero) return 'reserved'; // deprecated IPv4-compatible ::a.b.c.d
  // 6to4 (2002::/16) carries an IPv4 address in its next 32 bits; a private one there is not public either.
  if (g0 === 0x2002) {
    const inner = ipv4Range(embeddedIpv4(g1, g2));
    if (inner !== 'public') return inner;
  }
  if (g0 === 0x2001 && g1 === 0x0db8) return 'reserved'; // documentation
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // old site-local
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  // Only 2000::/3 is handed out as global unicast; anything else is not the internet.
  return (g0 & 0xe000) === 0x2000 ? 'public' : 'reserved';
}

/**
 * Where an IP address (dotted IPv4 or IPv6, with or without brackets or a zone
 * like %eth0) points. Text that is not an IP address is 'reserved', so a caller
 * that passes a host name by mistake refuses rather than allows.
 */
export function addressRange(address: string): AddressRange {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (isIPv4(bare)) return ipv4Range(bare);
  if (isIPv6(bare)) return ipv6Range(bare.toLowerCase());
  return 'reserved';
}

/** Decides whether an address may be connected to; tests replace it to let a loopback server stand in for the internet. */
export type AddressRangeOf = (address: string) => AddressRange;
