// The SSRF guard's decision, as a pure function: may the fetcher connect to this address?
// Only public unicast addresses are allowed, unless the allowlist names the address (CIDR) or the
// host name. IPv6 forms that carry an IPv4 address (mapped, translated, NAT64, 6to4, compatible)
// are judged by the IPv4 address inside them, so ::ffff:127.0.0.1 is loopback like 127.0.0.1.
// Pure, so it lives here: the fetcher and webhooks connect through it (src/ingest/fetch), and the
// topics reader asks it whether a webhook URL is written with an address it refuses.
import { domainToASCII } from 'node:url';
import ipaddr from 'ipaddr.js';

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

export interface AllowList {
  cidrs: [Addr, number][];
  /** Lower-case host names; an entry starting with "." also matches every subdomain. */
  hosts: string[];
  /**
   * Hosts a source's own permission lets through (the desk's "allow a private or local network
   * address"): exact names, and addresses in canonical form. Narrower than the rest of the list:
   * it never covers a link-local, unspecified, multicast or broadcast address, where no feed lives
   * but the cloud metadata service (169.254.169.254) does. Only the operator's allowHosts opens those.
   */
  granted?: { names: string[]; addresses: string[] };
}

export interface GuardDecision {
  allowed: boolean;
  /** The address in canonical form ('' when it could not be parsed). */
  address: string;
  /** Why it was refused (or which allowlist entry let it through). */
  reason: string;
}

/**
 * Parses an allow-list option (allowHosts for the fetcher, alertAllowHosts for webhooks; `setting`
 * names it in errors): CIDRs ("10.0.0.0/8"), single addresses, or host names; and the hosts of a
 * source's private-address permission (`granted`, see AllowList).
 */
export function compileAllowList(entries: readonly string[], granted: readonly string[] = [], setting = 'allowHosts'): AllowList {
  const list: AllowList = { cidrs: [], hosts: [] };
  if (granted.length) {
    list.granted = { names: [], addresses: [] };
    for (const raw of granted) {
      const entry = raw.trim().toLowerCase().replace(/\.$/, '');
      if (!entry) continue;
      const addr = parseAddress(entry);
      if (addr) list.granted.addresses.push(addr.toString());
      else list.granted.names.push(hostName(entry));
    }
  }
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes('/')) {
      try {
        list.cidrs.push(ipaddr.parseCIDR(entry));
        continue;
      } catch {
        throw new Error(`${setting}: "${raw}" is not a valid CIDR (write e.g. 10.0.0.0/8 or fd00::/8)`);
      }
    }
    const addr = parseAddress(entry);
    if (addr) list.cidrs.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
    else list.hosts.push(hostName(entry));
  }
  return list;
}

/**
 * A listed host name in the form a URL's host takes when it is connected to, so the entry matches:
 * no trailing dot (`hooks.intranet.` is `hooks.intranet`), and an international name in its
 * ASCII form (`bücher.intranet` is `xn--bcher-kva.intranet`, as `new URL` writes it). A leading
 * "." (every subdomain) is kept.
 */
function hostName(entry: string): string {
  const bare = entry.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const dot = bare.startsWith('.') ? '.' : '';
  return dot + (domainToASCII(bare.slice(dot.length)) || bare.slice(dot.length));
}

/**
 * Parses an IP address in any form a URL or resolver may carry it, including the odd IPv4 forms
 * (127.1, 0x7f000001, 2130706433, 0177.0.0.1) and bracketed IPv6. Undefined for a host name.
 */
export function parseAddress(host: string): Addr | undefined {
  const h = host.replace(/^\[|\]$/g, '');
  if (h.includes(':')) {
    const zone = h.indexOf('%');
    const bare = zone >= 0 ? h.slice(0, zone) : h;
    return ipaddr.IPv6.isValid(bare) ? ipaddr.IPv6.parse(bare) : undefined;
  }
  // ipaddr.js reads the classful forms (a, a.b, a.b.c; decimal, octal, hex parts) as inet_aton does.
  return ipaddr.IPv4.isValid(h) ? ipaddr.IPv4.parse(h) : undefined;
}

export function hostAllowed(hostname: string, allow: AllowList): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return allow.hosts.some((e) => (e.startsWith('.') ? h.endsWith(e) || h === e.slice(1) : h === e));
}

/** The IPv4 address carried inside an IPv6 one, and how, when it carries one. */
function embeddedIPv4(a: ipaddr.IPv6): { v4: ipaddr.IPv4; form: string } | undefined {
  const range = a.range();
  const p = a.parts;
  const low = (): ipaddr.IPv4 => new ipaddr.IPv4([p[6]! >> 8, p[6]! & 255, p[7]! >> 8, p[7]! & 255]);
  if (range === 'ipv4Mapped') return { v4: a.toIPv4Address(), form: 'IPv4-mapped' };
  if (range === 'rfc6145') return { v4: low(), form: 'IPv4-translated' };
  if (range === 'rfc6052') return { v4: low(), form: 'NAT64' };
  if (range === '6to4') return { v4: new ipaddr.IPv4([p[1]! >> 8, p[1]! & 255, p[2]! >> 8, p[2]! & 255]), form: '6to4' };
  // ::a.b.c.d, the deprecated IPv4-compatible form (:: and ::1 are handled as themselves).
  if (p.slice(0, 6).every((x) => x === 0) && range !== 'unspecified' && range !== 'loopback') {
    return { v4: low(), form: 'IPv4-compatible' };
  }
  return undefined;
}

/** Ranges a source's permission never opens (see AllowList.granted). */
const NEVER_GRANTED = new Set(['linkLocal', 'unspecified', 'multicast', 'broadcast']);

function grantCovers(a: Addr, allow: AllowList, hostname: string | undefined): boolean {
  const g = allow.granted;
  if (!g) return false;
  const name = hostname?.toLowerCase().replace(/\.$/, '');
  if (!(g.addresses.includes(a.toString()) || (name !== undefined && g.names.includes(name)))) return false;
  const inner = a.kind() === 'ipv6' ? embeddedIPv4(a as ipaddr.IPv6)?.v4 : undefined;
  return !NEVER_GRANTED.has((inner ?? a).range());
}

function inAllowedCidr(a: Addr, allow: AllowList): string | undefined {
  for (const [net, bits] of allow.cidrs) {
    if (net.kind() === a.kind() && a.match(net, bits)) return `${net.toString()}/${bits}`;
  }
  return undefined;
}

const WHY: Record<string, string> = {
  loopback: 'loopback',
  private: 'private (RFC 1918)',
  linkLocal: 'link-local (includes the cloud metadata address 169.254.169.254)',
  carrierGradeNat: 'carrier-grade NAT (100.64.0.0/10)',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  reserved: 'reserved or documentation-only',
  uniqueLocal: 'unique local (fc00::/7)',
  deprecatedSiteLocal: 'site-local (deprecated)',
  teredo: 'Teredo tunnel',
};

/**
 * Decides whether a connection to `address` is allowed. `hostname` is the name being fetched
 * (when there is one), so an allowlisted host name lets its addresses through.
 */
export function decideAddress(address: string, allow: AllowList, hostname?: string): GuardDecision {
  const a = parseAddress(address);
  if (!a) return { allowed: false, address: '', reason: `"${address}" is not an IP address` };
  const canonical = a.toString();
  const listed = inAllowedCidr(a, allow);
  if (listed) return { allowed: true, address: canonical, reason: `allowlisted by ${listed}` };
  if (hostname && hostAllowed(hostname, allow)) return { allowed: true, address: canonical, reason: `host ${hostname} is allowlisted` };
  if (grantCovers(a, allow, hostname))
    return { allowed: true, address: canonical, reason: `the source's private-address permission covers ${hostname ?? canonical}` };

  if (a.kind() === 'ipv6') {
    const v6 = a as ipaddr.IPv6;
    const inner = embeddedIPv4(v6);
    if (inner) {
      const d = decideAddress(inner.v4.toString(), allow);
      return d.allowed
        ? { allowed: true, address: canonical, reason: `${inner.form} form of public ${inner.v4.toString()}` }
        : { allowed: false, address: canonical, reason: `${inner.form} form of ${inner.v4.toString()}: ${d.reason}` };
    }
    const range = v6.range();
    // Public IPv6 is 2000::/3; anything else (discard, ORCHID, benchmarking, doc prefix…) is not a web host.
    const global = v6.match(ipaddr.IPv6.parse('2000::'), 3);
    if (range === 'unicast' && global) return { allowed: true, address: canonical, reason: 'public unicast' };
    return {
      allowed: false,
      address: canonical,
      reason: `${canonical} is ${range === 'linkLocal' ? 'link-local (fe80::/10)' : (WHY[range] ?? `not public (${range})`)}`,
    };
  }
  const range = a.range();
  if (range === 'unicast') return { allowed: true, address: canonical, reason: 'public unicast' };
  return { allowed: false, address: canonical, reason: `${canonical} is ${WHY[range] ?? `not public (${range})`}` };
}
