// Sign-in throttling: failures are counted per account name and per client address in the store
// (so every process of a deployment sees them). An account is locked after 5 failures within 15
// minutes, an address after 20 (one address may be a whole office behind NAT; an IPv6 address
// counts by its /64); a lock lasts 15 minutes and then ends by itself — attempts during a lock are
// refused without being counted, so nobody can keep an account, the admin's included, locked for
// longer. `newsdesk user unlock` ends a lock at once.
import ipaddr from 'ipaddr.js';
import type { ThrottleRule } from '../store/accounts.js';
import { userNameKey } from '../store/accounts.js';

const MINUTE = 60_000;

export const ACCOUNT_RULE: ThrottleRule = { windowMs: 15 * MINUTE, limit: 5, lockMs: 15 * MINUTE };
export const ADDRESS_RULE: ThrottleRule = { windowMs: 15 * MINUTE, limit: 20, lockMs: 15 * MINUTE };

/**
 * The key an account's failures count under: the name's key (userNameKey, as account creation and
 * sign-in fold it), so "ａdmin", "ADMIN" and "admın" typed in a burst are one key, however the
 * account's own name was stored (p-accounts2; before, each spelling had five guesses).
 */
export function accountKey(name: string): string {
  return `account:${userNameKey(name)}`;
}

/**
 * The network an address is counted under: an IPv4 address itself (also when a dual-stack socket
 * reports it as ::ffff:a.b.c.d), an IPv6 address by its /64. One subscriber, one machine even,
 * is routed a whole /64 and can pick any of its 2^64 addresses for each request, so counted one by
 * one the address rule limited nothing over IPv6.
 */
export function throttledNetwork(address: string): string {
  let a: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    a = ipaddr.process(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return address;
  }
  if (a.kind() === 'ipv4') return a.toString();
  const p = (a as ipaddr.IPv6).parts;
  return `${new ipaddr.IPv6([p[0]!, p[1]!, p[2]!, p[3]!, 0, 0, 0, 0]).toString()}/64`;
}

export function addressKey(address: string): string {
  return `address:${throttledNetwork(address)}`;
}
