// When deliveries fall due: digest periods and retry backoff. Pure, so the clock is an argument.
import type { DigestEvery } from '../topics/alerts.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** End of the digest period that `now` falls in: the next full hour, or the next `hour`:00 UTC. */
export function digestDueAt(now: number, every: DigestEvery, hour = 0): number {
  if (every === 'hourly') return Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
  const today = Math.floor(now / DAY_MS) * DAY_MS + hour * HOUR_MS;
  return today > now ? today : today + DAY_MS;
}

export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** Longest delay between two attempts. */
  maxMs: number;
  /** Attempts in all before a delivery is marked failed (it stays listed, and can be requeued). */
  maxAttempts: number;
}

/** 30 s, 1, 2, 4 … minutes up to 6 h between attempts: 14 attempts span about two days. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 6 * HOUR_MS, maxAttempts: 14 };

/**
 * When to try again after the `attempts`-th failed attempt, or null to give up. The delay doubles
 * each time; a random tenth either way keeps many failed deliveries from retrying in lockstep.
 * A server's Retry-After is honoured when it asks for longer.
 */
export function retryAt(
  attempts: number,
  now: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exp * (0.9 + 0.2 * random());
  return now + Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxMs)));
}
