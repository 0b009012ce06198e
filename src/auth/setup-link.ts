// The first-run set-up link: while no user exists, the server prints /setup/<token> on its
// terminal, and whoever can read that terminal creates the first admin there. The token is random,
// good for one use and one hour, kept only in this process's memory (run `newsdesk user add
// --admin` instead on a deployment of several web processes).
import { timingSafeEqual } from 'node:crypto';
import { randomSecret } from './tokens.js';

export const SETUP_LINK_TTL_MS = 60 * 60_000;

export class SetupLink {
  private token: string | undefined;
  private expiresAt = 0;

  /** A new token (any earlier one stops working). */
  issue(now = Date.now()): string {
    this.token = randomSecret();
    this.expiresAt = now + SETUP_LINK_TTL_MS;
    return this.token;
  }

  /** True when `given` is the live token (constant time). */
  valid(given: string, now = Date.now()): boolean {
    if (!this.token || now >= this.expiresAt) return false;
    const a = Buffer.from(this.token);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Uses the token up: true for the one caller that presented it while valid. */
  consume(given: string, now = Date.now()): boolean {
    if (!this.valid(given, now)) return false;
    this.token = undefined;
    return true;
  }
}
