// Web processes on machines whose clocks disagree share one PostgreSQL: sessions, API tokens and
// the sign-in throttle are dated and judged by the database's clock, not the process's. A session
// opened on a machine ten minutes fast ends when it should (not ten minutes late) and is not idle
// on a correct machine; a token's dates are the database's; failures counted on machines whose
// clocks disagree fall in one window and a lock lasts its 15 minutes on all of them. Only
// PostgreSQL is several machines (SQLite's clock is the one machine's own).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Auth, type AuthOptions } from '../../src/auth/session.js';
import { ACCOUNT_RULE, accountKey } from '../../src/auth/throttle.js';
import { digest, newApiToken } from '../../src/auth/tokens.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { SKEW_SLACK_MS, TEN_MINUTES, withinBracket as within, withSkewedClock } from '../helpers/skewed-clock.js';
import { addUser, PASSWORD } from './helpers.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const options = (idleMs: number, maxMs: number): AuthOptions => ({ idleMs, maxMs, apiToken: '', trustProxy: false });

async function session(store: Store, token: string) {
  const found = await store.accounts.getSession(digest(token));
  assert.ok(found, 'the session is stored');
  return found.session;
}

forEachDialect((d) => {
  if (d.name !== 'postgres') return;

  test('a session opened on a machine ten minutes fast is live on a correct one and ends a day after it was opened by the database clock', async () => {
    const store = await d.open();
    // Idle longer than the session's life: only its absolute end is tested here.
    const auth = new Auth(store, options(2 * DAY, DAY));
    await addUser(store, 'sam', 'editor');
    const before = await store.clock.now();
    const r = await withSkewedClock(TEN_MINUTES, () => auth.signIn('sam', PASSWORD, '192.0.2.1'));
    const after = await store.clock.now();
    assert.ok(r.ok);
    const s = await session(store, r.token);
    assert.ok(within(s.createdAt, before, after), `opened ${s.createdAt - after} ms from now`);
    assert.ok(within(s.expiresAt, before + DAY, after + DAY), `ends ${s.expiresAt - after - DAY} ms after a day from now`);
    assert.ok(await auth.sessionViewer(r.token), 'live on a correct machine');
    assert.ok(await auth.sessionViewer(r.token, after + DAY - SKEW_SLACK_MS - MINUTE), 'live just before its day is up');
    assert.equal(await auth.sessionViewer(r.token, after + DAY + SKEW_SLACK_MS), undefined, 'ended a day after it was opened');
  });

  test('a session is not idle on a machine ten minutes fast after use on a correct one, nor on a correct one after use on a slow one', async () => {
    const store = await d.open();
    // Idle for five minutes ends it: shorter than the skew, so a machine's own clock would end it.
    const auth = new Auth(store, options(5 * MINUTE, DAY));
    const u = await addUser(store, 'sam', 'editor');
    const correct = await auth.openSession(u.id);
    assert.ok(await withSkewedClock(TEN_MINUTES, () => auth.sessionViewer(correct.token)), 'live on the fast machine');
    const slow = await withSkewedClock(-TEN_MINUTES, () => auth.openSession(u.id));
    assert.ok(await auth.sessionViewer(slow.token), 'opened on the slow machine, live on a correct one');
    const seen = (await session(store, slow.token)).lastSeenAt;
    assert.equal(await auth.sessionViewer(slow.token, seen + 5 * MINUTE), undefined, 'idle five minutes after its last use');
  });

  test('an API token made and used on a machine ten minutes fast is dated by the database clock; its next use on a correct machine is recorded', async () => {
    const store = await d.open();
    const auth = new Auth(store, options(DAY, DAY));
    const u = await addUser(store, 'tess', 'editor');
    const secret = newApiToken();
    const before = await store.clock.now();
    const made = await withSkewedClock(TEN_MINUTES, () =>
      store.accounts.createToken({ userId: u.id, name: 'bot', hash: digest(secret), scope: 'read' }),
    );
    assert.ok(await withSkewedClock(TEN_MINUTES, () => auth.tokenViewer(secret)), 'accepted on the fast machine');
    const after = await store.clock.now();
    const used = (await store.accounts.findToken(digest(secret)))!.token;
    assert.ok(within(made.createdAt, before, after), `made ${made.createdAt - after} ms from now`);
    assert.ok(used.lastUsedAt !== null && within(used.lastUsedAt, before, after), `used ${used.lastUsedAt! - after} ms from now`);
    // A minute later on a correct machine the use is written (last use is written once a minute: a
    // last use dated ten minutes ahead kept every other machine from writing it for ten minutes).
    const later = used.lastUsedAt + 61_000;
    assert.ok(await auth.tokenViewer(secret, later), 'accepted on a correct machine');
    assert.equal((await store.accounts.findToken(digest(secret)))!.token.lastUsedAt, later);
    await withSkewedClock(TEN_MINUTES, () => store.accounts.revokeToken(made.id, u.id));
    const revoked = (await store.accounts.findToken(digest(secret)))!.token;
    assert.ok(revoked.revokedAt !== null && within(revoked.revokedAt, before, await store.clock.now()), 'revoked by the database clock');
    assert.equal(await auth.tokenViewer(secret), undefined);
  });

  // Twenty minutes: more than the throttle's 15-minute window and lock.
  const TWENTY_MINUTES = 2 * TEN_MINUTES;

  test('failures counted on a correct machine and one twenty minutes fast fall in one window and lock the account', async () => {
    const store = await d.open();
    const auth = new Auth(store, options(DAY, DAY));
    await addUser(store, 'sam', 'editor');
    const before = await store.clock.now();
    for (let i = 1; i < ACCOUNT_RULE.limit; i++)
      assert.deepEqual(await auth.signIn('sam', 'wrong', undefined), { ok: false, reason: 'invalid' });
    await withSkewedClock(TWENTY_MINUTES, () => auth.signIn('sam', 'wrong', undefined));
    const after = await store.clock.now();
    const state = await store.accounts.getThrottle(accountKey('sam'));
    assert.equal(state?.failures, ACCOUNT_RULE.limit, 'one window');
    assert.ok(
      state?.lockedUntil != null && within(state.lockedUntil, before + ACCOUNT_RULE.lockMs, after + ACCOUNT_RULE.lockMs),
      'locked for 15 minutes by the database clock',
    );
    const r = await auth.signIn('sam', PASSWORD, undefined);
    assert.equal(r.ok, false, 'the right password is refused while locked');
  });

  test('an account locked on a correct machine stays locked on a machine twenty minutes fast', async () => {
    const store = await d.open();
    const auth = new Auth(store, options(DAY, DAY));
    await addUser(store, 'sam', 'editor');
    for (let i = 0; i < ACCOUNT_RULE.limit; i++) await auth.signIn('sam', 'wrong', undefined);
    assert.ok((await store.accounts.getThrottle(accountKey('sam')))?.lockedUntil, 'locked');
    const r = await withSkewedClock(TWENTY_MINUTES, () => auth.signIn('sam', PASSWORD, undefined));
    assert.equal(r.ok, false, 'refused on the fast machine');
    assert.equal(!r.ok && r.reason, 'locked');
    const check = await withSkewedClock(TWENTY_MINUTES, async () => {
      const user = await store.accounts.findUser('sam');
      return auth.confirmPassword(user!, PASSWORD, undefined);
    });
    assert.equal(!check.ok && check.reason, 'locked', 'the account page refuses too');
  });
});
