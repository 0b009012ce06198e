// Sign-in throttling: failures are counted per account name and per client address in the store
// (so every process of a deployment sees them). An account is locked after 5 failures within 15
// minutes, an address after 20 (one address may be a whole office behind NAT); a lock lasts 15
// minutes and then ends by itself — attempts during a lock are refused without being counted, so
// nobody can keep an account, the admin's included, locked for longer. `newsdesk user unlock`
// ends a lock at once.
import type { ThrottleRule } from '../store/accounts.js';
import { userNameKey } from '../store/accounts.js';

const MINUTE = 60_000;

export const ACCOUNT_RULE: ThrottleRule = { windowMs: 15 * MINUTE, limit: 5, lockMs: 15 * MINUTE };
export const ADDRESS_RULE: ThrottleRule = { windowMs: 15 * MINUTE, limit: 20, lockMs: 15 * MINUTE };

export function accountKey(name: string): string {
  return `account:${userNameKey(name.trim())}`;
}

export function addressKey(address: string): string {
  return `address:${address}`;
}
