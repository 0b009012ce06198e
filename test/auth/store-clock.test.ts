// Sign-in, sessions, API tokens and the throttle take the time from the store's clock, in both
// dialects: here a store whose clock reads a set time a year away from this machine's. (On
// PostgreSQL that clock is the database server's, which every web process shares:
// test/auth/clock-skew.test.ts.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Auth } from '../../src/auth/session.js';
import { ACCOUNT_RULE, accountKey } from '../../src/auth/throttle.js';
import { digest, newApiToken } from '../../src/auth/tokens.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { addUser, PASSWORD } from './helpers.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const YEAR = 365 * DAY;

/** The store as seen through a clock that reads `at()` (its repositories are the store's own). */
function withClock(store: Store, at: () => number): Store {
  return { ...store, clock: { now: async () => at() } } as Store;
}

forEachDialect((d) => {
  test(`${d.name}: sessions, tokens and the throttle are dated and judged by the store's clock`, async () => {
    const real = await d.open();
    let now = Date.now() + YEAR;
    const store = withClock(real, () => now);
    const auth = new Auth(store, { idleMs: 2 * 60 * MINUTE, maxMs: DAY, apiToken: '', trustProxy: false });
    const u = await addUser(real, 'sam', 'editor');

    const t0 = now;
    const r = await auth.signIn('sam', PASSWORD, '192.0.2.1');
    assert.ok(r.ok);
    const s = (await real.accounts.getSession(digest(r.token)))!.session;
    assert.deepEqual([s.createdAt, s.lastSeenAt, s.expiresAt], [t0, t0, t0 + DAY], 'opened at the store clock time');
    now = t0 + 90 * MINUTE;
    assert.ok(await auth.sessionViewer(r.token), 'live after 1.5 h');
    assert.equal((await real.accounts.getSession(digest(r.token)))!.session.lastSeenAt, now, 'touched at the store clock time');
    now = t0 + DAY;
    assert.equal(await auth.sessionViewer(r.token), undefined, 'ended a day after it was opened');

    const secret = newApiToken();
    await real.accounts.createToken({ userId: u.id, name: 'bot', hash: digest(secret), scope: 'read' }, now);
    assert.ok(await auth.tokenViewer(secret));
    assert.equal((await real.accounts.findToken(digest(secret)))!.token.lastUsedAt, now, 'last used at the store clock time');

    const t1 = now;
    for (let i = 0; i < ACCOUNT_RULE.limit; i++) await auth.signIn('sam', 'wrong', undefined);
    assert.equal((await real.accounts.getThrottle(accountKey('sam')))?.lockedUntil, t1 + ACCOUNT_RULE.lockMs, 'locked by the store clock');
    now = t1 + ACCOUNT_RULE.lockMs - 1;
    const locked = await auth.signIn('sam', PASSWORD, undefined);
    assert.equal(!locked.ok && locked.reason, 'locked', 'still locked a moment before the lock ends');
    now = t1 + ACCOUNT_RULE.lockMs;
    assert.ok((await auth.signIn('sam', PASSWORD, undefined)).ok, 'the lock ended by the store clock');
  });
});
