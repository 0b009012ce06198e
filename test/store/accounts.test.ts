// The accounts contract (store.accounts) on every dialect: names unique ignoring case, first-run
// set-up adds one admin however many ask at once, sessions and tokens found by digest and
// revocable, last-used written at most once per interval, and the sign-in throttle's windows and
// locks, which always end by themselves.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';

const RULE = { windowMs: 15 * 60_000, limit: 3, lockMs: 15 * 60_000 };

forEachDialect((d) => {
  describe('Store contract: accounts', () => {
    test('users: unique names ignoring case, patches, listing by name', async () => {
      const store = await d.open();
      const a = store.accounts;
      assert.equal(await a.countUsers(), 0);
      const ana = await a.createUser({ name: 'Ana', passwordHash: 'h1', role: 'editor' }, { now: 1000 });
      assert.ok(ana);
      assert.deepEqual(
        { name: ana.name, role: ana.role, lang: ana.lang, disabled: ana.disabled, createdAt: ana.createdAt },
        { name: 'Ana', role: 'editor', lang: null, disabled: false, createdAt: 1000 },
      );
      assert.equal(await a.createUser({ name: 'ANA', passwordHash: 'h2', role: 'admin' }), undefined, 'a name differing in case only');
      assert.equal((await a.findUser('aNa'))?.id, ana.id);
      assert.equal(await a.findUser('nobody'), undefined);
      const zed = await a.createUser({ name: 'Zoë', passwordHash: 'h3', role: 'reader', lang: 'fa' });
      assert.equal(zed?.lang, 'fa');
      assert.equal((await a.findUser('ZOË'))?.id, zed?.id);
      const bo = await a.createUser({ name: 'bo', passwordHash: 'h4', role: 'admin' });
      assert.deepEqual(
        (await a.listUsers()).map((u) => u.name),
        ['Ana', 'bo', 'Zoë'],
      );
      assert.equal(await a.countUsers(), 3);
      const changed = await a.updateUser(ana.id, { role: 'admin', lang: 'ar', disabled: true, passwordHash: 'h9' });
      assert.deepEqual(
        { role: changed?.role, lang: changed?.lang, disabled: changed?.disabled, hash: changed?.passwordHash },
        { role: 'admin', lang: 'ar', disabled: true, hash: 'h9' },
      );
      assert.equal((await a.updateUser(ana.id, { lang: null }))?.lang, null);
      assert.equal((await a.getUser(ana.id))?.disabled, true);
      assert.equal(await a.getUser(99_999), undefined);
      assert.equal(await a.updateUser(99_999, { role: 'reader' }), undefined);
      assert.equal((await a.getUser(bo!.id))?.role, 'admin');
      await store.close();
    });

    test('first-run set-up adds exactly one admin, even when asked twice at once', async () => {
      const store = await d.open();
      const a = store.accounts;
      const results = await Promise.all(
        ['root', 'other'].map((name) => a.createUser({ name, passwordHash: 'h', role: 'admin' }, { onlyIfNone: true })),
      );
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal(await a.countUsers(), 1);
      assert.equal(await a.createUser({ name: 'late', passwordHash: 'h', role: 'admin' }, { onlyIfNone: true }), undefined);
      await store.close();
    });

    test('sessions: found by id with their user, touched, revoked one by one or all of a user', async () => {
      const store = await d.open();
      const a = store.accounts;
      const u = (await a.createUser({ name: 'sam', passwordHash: 'h', role: 'editor' }))!;
      await a.createSession({ id: 's1', userId: u.id, csrf: 'c1', createdAt: 1000, expiresAt: 9000 });
      await a.createSession({ id: 's2', userId: u.id, csrf: 'c2', createdAt: 1000, expiresAt: 9000 });
      const got = await a.getSession('s1');
      assert.deepEqual(got?.session, {
        id: 's1',
        userId: u.id,
        csrf: 'c1',
        createdAt: 1000,
        lastSeenAt: 1000,
        expiresAt: 9000,
        revokedAt: null,
      });
      assert.equal(got?.user.name, 'sam');
      await a.touchSession('s1', 5000);
      await a.touchSession('s1', 4000); // never moves back
      assert.equal((await a.getSession('s1'))?.session.lastSeenAt, 5000);
      assert.equal(await a.revokeSession('s1', 6000), true);
      assert.equal(await a.revokeSession('s1', 7000), false, 'revoked once');
      assert.equal((await a.getSession('s1'))?.session.revokedAt, 6000);
      assert.equal((await a.getSession('s2'))?.session.revokedAt, null);
      await a.createSession({ id: 's3', userId: u.id, csrf: 'c3', createdAt: 1000, expiresAt: 9000 });
      assert.equal(await a.revokeUserSessions(u.id, 8000), 2);
      assert.equal((await a.getSession('s3'))?.session.revokedAt, 8000);
      assert.equal(await a.getSession('nope'), undefined);
      await store.close();
    });

    test('tokens: found by digest, listed newest first, last use written at most once per interval, revoked by their owner only', async () => {
      const store = await d.open();
      const a = store.accounts;
      const u = (await a.createUser({ name: 'tess', passwordHash: 'h', role: 'editor' }))!;
      const other = (await a.createUser({ name: 'ugo', passwordHash: 'h', role: 'editor' }))!;
      const t1 = await a.createToken({ userId: u.id, name: 'feeds', hash: 'd1', scope: 'read' }, 1000);
      const t2 = await a.createToken({ userId: u.id, name: 'bot', hash: 'd2', scope: 'write' }, 2000);
      assert.deepEqual(t1, { id: t1.id, userId: u.id, name: 'feeds', scope: 'read', createdAt: 1000, lastUsedAt: null, revokedAt: null });
      assert.deepEqual(
        (await a.listTokens(u.id)).map((t) => t.name),
        ['bot', 'feeds'],
      );
      const found = await a.findToken('d2');
      assert.equal(found?.token.id, t2.id);
      assert.equal(found?.user.name, 'tess');
      assert.equal(await a.findToken('d3'), undefined);
      assert.equal(await a.touchToken(t1.id, 10_000, 60_000), true);
      assert.equal(await a.touchToken(t1.id, 30_000, 60_000), false, 'within the interval');
      assert.equal((await a.findToken('d1'))?.token.lastUsedAt, 10_000);
      assert.equal(await a.touchToken(t1.id, 70_000, 60_000), true);
      assert.equal((await a.findToken('d1'))?.token.lastUsedAt, 70_000);
      assert.equal(await a.revokeToken(t1.id, other.id, 80_000), false, "another user's token");
      assert.equal(await a.revokeToken(t1.id, u.id, 80_000), true);
      assert.equal(await a.revokeToken(t1.id, u.id, 90_000), false);
      assert.equal((await a.findToken('d1'))?.token.revokedAt, 80_000);
      await store.close();
    });

    test('throttle: failures counted per window, a lock at the limit that ends by itself and is never extended', async () => {
      const store = await d.open();
      const a = store.accounts;
      const t0 = 1_000_000;
      assert.equal(await a.getThrottle('user:x'), undefined);
      assert.equal((await a.recordFailure('user:x', RULE, t0)).failures, 1);
      assert.equal((await a.recordFailure('user:x', RULE, t0 + 1000)).lockedUntil, null);
      const locked = await a.recordFailure('user:x', RULE, t0 + 2000);
      assert.deepEqual(locked, { key: 'user:x', failures: 3, windowStart: t0, lockedUntil: t0 + 2000 + RULE.lockMs });
      // Attempts during the lock do not move its end.
      assert.equal((await a.recordFailure('user:x', RULE, t0 + 60_000)).lockedUntil, t0 + 2000 + RULE.lockMs);
      assert.deepEqual(await a.getThrottle('user:x'), locked);
      // After the lock a new window starts.
      const after = await a.recordFailure('user:x', RULE, t0 + 2000 + RULE.lockMs + 1);
      assert.deepEqual(after, { key: 'user:x', failures: 1, windowStart: t0 + 2000 + RULE.lockMs + 1, lockedUntil: null });
      // A window that passed without reaching the limit starts over.
      await a.recordFailure('ip:1', RULE, t0);
      await a.recordFailure('ip:1', RULE, t0 + 1);
      assert.equal((await a.recordFailure('ip:1', RULE, t0 + RULE.windowMs + 5)).failures, 1);
      // Two failures at once both count.
      await Promise.all([a.recordFailure('ip:2', RULE, t0), a.recordFailure('ip:2', RULE, t0)]);
      assert.equal((await a.getThrottle('ip:2'))?.failures, 2);
      // Several keys in one read: the ones with failures, by key.
      const many = await a.getThrottles(['user:x', 'ip:2', 'ip:none']);
      assert.deepEqual([...many.keys()].sort(), ['ip:2', 'user:x']);
      assert.deepEqual(many.get('ip:2'), await a.getThrottle('ip:2'));
      assert.deepEqual(many.get('user:x'), await a.getThrottle('user:x'));
      assert.equal((await a.getThrottles([])).size, 0);
      assert.equal(await a.clearThrottle(['user:x', 'ip:2', 'ip:none']), 2);
      assert.equal(await a.getThrottle('user:x'), undefined);
      assert.equal(await a.clearThrottle([]), 0);
      await store.close();
    });
  });
});
