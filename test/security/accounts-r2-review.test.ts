// Hostile review of accounts' second round (r2-accounts), over a real HTTP server on 127.0.0.1 on
// both store dialects. Two accounts whose names fold alike can only come from before names were
// folded (r-accounts): full-width "ｍａｒｔａ" beside "marta". Each typed form reaches the account
// it names exactly, else the folded one; both count failures under one throttle key. The test that
// fails on main (eee23e92): the owner of one of them cleared, by signing in, the failures counted
// by guesses at the other, so the account rule no longer bounded guesses at it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hashPassword } from '../../src/auth/password.js';
import { accountKey } from '../../src/auth/throttle.js';
import { userNameSkeleton } from '../../src/text/user-name-fold.js';
import { forEachDialect } from '../helpers/dialects.js';
import { Client, PASSWORD, startSite, type Site } from '../auth/helpers.js';

const LEGACY = 'ｍａｒｔａ';
const OWN_PASSWORD = 'the legacy account owner password';

forEachDialect((d) => {
  let site: Site;
  before(async () => {
    // The pair is written past createUser, whose look-alike check (rightly) refuses the second of
    // them now: as two accounts named before r-accounts folded names were stored.
    const at = await d.at(43);
    const rows: [string, string, string][] = [
      [LEGACY, await hashPassword(OWN_PASSWORD), 'editor'],
      ['marta', await hashPassword(PASSWORD), 'admin'],
    ];
    // name_key as it was at 43 (the name lower-cased whole); migration 47 folds it.
    const userNameKey = (name: string): string => name.normalize('NFC').toLowerCase();
    for (const [name, hash, role] of rows) {
      const sql = 'INSERT INTO users (name, name_key, password_hash, role, lang, created_at) VALUES ';
      if (at.dialect === 'sqlite') at.db.prepare(`${sql}(?, ?, ?, ?, NULL, ?)`).run(name, userNameKey(name), hash, role, Date.now());
      else await at.pool.query(`${sql}($1, $2, $3, $4, NULL, $5)`, [name, userNameKey(name), hash, role, Date.now()]);
    }
    site = await startSite({}, await at.open());
  });
  after(() => site.close());

  const signIn = (name: string, password: string) => new Client(site.url).signIn(name, password).then((r) => r.status);

  test('held: each typed form of two names that fold alike reaches the account it names, else the folded one', async () => {
    assert.equal((await site.store.accounts.findUser(LEGACY))?.name, LEGACY);
    assert.equal((await site.store.accounts.findUser('ＭＡＲＴＡ'))?.name, LEGACY, 'its capitals, by the exact key');
    assert.equal((await site.store.accounts.findUser('marta'))?.name, 'marta');
    assert.equal((await site.store.accounts.findUser('ｍａrta'))?.name, 'marta', 'a mixed spelling, by the fold');
    assert.equal(accountKey(LEGACY), accountKey('marta'), 'one throttle key');
    await site.store.accounts.clearThrottle([accountKey('marta'), 'address:127.0.0.1']);
  });

  test("signing in to one of two accounts whose names fold alike does not clear the failures counted against the other's", async () => {
    // Four wrong guesses at "marta", the owner of "ｍａｒｔａ" signs in, one more guess: five
    // failures under the one key, and the account is locked (main: the sign-in cleared the four,
    // the right password then got in, and four guesses per sign-in went on without a lock).
    for (let i = 0; i < 4; i++) assert.equal(await signIn('marta', `wrong guess ${i}`), 401);
    assert.equal(await signIn(LEGACY, OWN_PASSWORD), 303);
    assert.equal(await signIn('marta', 'wrong guess 4'), 401);
    assert.equal(await signIn('marta', PASSWORD), 429, 'locked after five failures, whoever signed in between');
    // `newsdesk user unlock` (and the users page) still clear the key at once.
    await site.store.accounts.clearThrottle([accountKey('marta'), 'address:127.0.0.1']);
    assert.equal(await signIn('marta', PASSWORD), 303);
  });

  test('held: a sole account clears its failures when it signs in', async () => {
    await site.store.accounts.clearThrottle([accountKey('marta'), 'address:127.0.0.1']);
    const user = await site.store.accounts.createUser({ name: 'solo r2', role: 'editor', passwordHash: await hashPassword(PASSWORD) });
    assert.ok(user);
    for (let i = 0; i < 4; i++) assert.equal(await signIn('ｓｏｌｏ r2', `wrong ${i}`), 401);
    assert.equal(await signIn('solo r2', PASSWORD), 303);
    assert.equal(await site.store.accounts.getThrottle(accountKey('solo r2')), undefined);
  });

  test('a name that is another one in capitals (dotless ı, final ς, ß) is taken, as a case twin is', async () => {
    const add = (name: string) => site.store.accounts.createUser({ name, role: 'editor', passwordHash: 'x' });
    // Each pair is one name in capitals ("ADMIN", "ΟΔΟΣ", "STRASSE"), but lower-casing alone kept
    // them apart: Turkish dotless ı, a Greek medial σ where a final ς is written, German ß.
    const pairs: [string, string][] = [
      ['kadmin', 'kadm\u0131n'],
      ['\u039f\u0394\u039f\u03a3', '\u03bf\u03b4\u03bf\u03c3'],
      ['\u03bf\u03b4\u03bf\u03c3x', '\u03bf\u03b4\u03bf\u03c2x'],
      ['stra\u00dfe', 'STRASSE'],
      // Both at once: Cyrillic а and dotless ı.
      ['radmin', 'r\u0430dm\u0131n'],
      // Turkish dotted İ is I with a dot above: a mark on a Latin letter, which the skeleton drops
      // as it drops José's accent (test/security/user-name-scripts.test.ts; r2-accounts had kept
      // this pair apart).
      ['kadmin2', 'KADM\u0130N2'],
    ];
    for (const [first, second] of pairs) {
      assert.equal(userNameSkeleton(first), userNameSkeleton(second), `${first} / ${second}`);
      assert.ok(await add(first), first);
      assert.equal(await add(second), undefined, `${second} beside ${first}`);
    }
    // Held: names whose capitals differ are still two (Cyrillic н is not H).
    for (const [first, second] of [['hina', '\u043d\u0438\u043d\u0430']] as const) {
      assert.ok(await add(first), first);
      assert.ok(await add(second), `${second} beside ${first}`);
    }
  });

  test('held: a typed name that NFKC grows 18-fold (200 × ﷺ, 6,600 bytes folded) is a 401 counted under its key, not a failure', async () => {
    await site.store.accounts.clearThrottle(['address:127.0.0.1']);
    const typed = '\ufdfa'.repeat(200);
    assert.equal(await signIn(typed, 'a wrong password'), 401);
    assert.equal((await site.store.accounts.getThrottle(accountKey(typed)))?.failures, 1);
    assert.equal((await site.store.accounts.getThrottle('address:127.0.0.1'))?.failures, 1, 'the address counts it too');
    await site.store.accounts.clearThrottle([accountKey(typed), 'address:127.0.0.1']);
  });
});
