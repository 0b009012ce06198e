// /metrics tells how busy the site is, what fails and how much memory it takes: it answers the
// networks listed in metricsAllow (CIDRs; default loopback, where a local Prometheus or agent
// scrapes) and administrators (an admin's API token, or the configured apiToken). A request made
// in-process (app.request, tests and benchmarks) has no network peer and counts as local.
import type { MiddlewareHandler } from 'hono';
import ipaddr from 'ipaddr.js';
import { clientAddress } from '../auth/request.js';
import { hasRole, viewerOf } from '../auth/viewer.js';
import { ConfigError, type Config } from '../config/options.js';

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export function compileCidrs(entries: readonly string[]): Cidr[] {
  return entries.map((e) => {
    try {
      return e.includes('/') ? ipaddr.parseCIDR(e) : ((a) => [a, a.kind() === 'ipv4' ? 32 : 128] as Cidr)(ipaddr.parse(e));
    } catch {
      throw new ConfigError(`metricsAllow: "${e}" is not a network; write CIDRs such as 127.0.0.0/8, 10.0.0.0/8 or ::1/128`);
    }
  });
}

export function addressAllowed(address: string, cidrs: readonly Cidr[]): boolean {
  let a: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // ::ffff:127.0.0.1 (a dual-stack socket's IPv4 peer) is judged as 127.0.0.1.
    a = ipaddr.process(address.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
  return cidrs.some(([net, bits]) => net.kind() === a.kind() && a.match(net, bits));
}

export function metricsAccess(config: Pick<Config, 'metricsAllow' | 'trustProxy'>): MiddlewareHandler {
  const cidrs = compileCidrs(config.metricsAllow);
  return async (c, next) => {
    if (hasRole(viewerOf(c), 'admin')) return next();
    const address = clientAddress(c, config.trustProxy);
    if (address === undefined || addressAllowed(address, cidrs)) return next();
    return c.text("The metrics answer the networks in metricsAllow and administrators' API tokens only.", 403, {
      'www-authenticate': 'Bearer',
      'cache-control': 'no-store',
    });
  };
}
