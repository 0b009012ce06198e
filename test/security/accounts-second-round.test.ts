// Accounts, second round (p-accounts2): what the review of editors' accounts (r-accounts) left
// open, over a real HTTP server on 127.0.0.1 on both store dialects. Sign-in folds a name as
// account creation folds it (a full-width or double-spaced name typed on a phone keyboard or an
// IME reaches the account), and the throttle counts every such spelling under one key; a new name
// whose look-alike skeleton (Cyrillic or Greek letters read as the Latin ones they look like)
// equals an existing user's is taken. Each test but the "held" ones fails on main (596738ee).
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { accountKey } from '../../src/auth/throttle.js';
import { hashPassword } from '../../src/auth/password.js';
import { userNameSkeleton } from '../../src/text/user-name-fold.js';
import { forEachDialect } from '../helpers/dialects.js';
import { addUser, Client, PASSWORD, startSite, type Site } from '../auth/helpers.js';

forEachDialect((d) => {
  let site: Site;
  before(async () => {
    site = await startSite({}, await d.open());
  });
  after(() => site.close());
  // Every request here comes from 127.0.0.1: no test's failures may lock the next one's sign-ins.
  beforeEach(() => site.store.accounts.clearThrottle(['address:127.0.0.1']));

  const signedIn = async (name: string): Promise<Client> => {
    const client = new Client(site.url);
    assert.equal((await client.signIn(name)).status, 303, `${name} signs in`);
    return client;
  };

  test('a name typed full-width, with two spaces, a no-break or an ideographic space signs in to the account it names', async () => {
    await addUser(site.store, 'jane roe', 'editor');
    for (const typed of ['ｊａｎｅ roe', 'jane  roe', 'jane\u00a0roe', '\u3000ＪＡＮＥ\u3000ＲＯＥ', ' jane roe ']) {
      const client = new Client(site.url);
      const res = await client.signIn(typed);
      assert.equal(res.status, 303, JSON.stringify(typed));
      assert.match(await (await client.get('/desk/account')).text(), /jane roe/, JSON.stringify(typed));
    }
    // The same lookup serves `newsdesk user passwd|unlock|disable` and `newsdesk token --user`.
    assert.equal((await site.store.accounts.findUser('ｊａｎｅ  ｒｏｅ'))?.name, 'jane roe');
    assert.equal(await site.store.accounts.findUser('jane roe x'), undefined);
  });

  test('twelve wrong sign-ins at once under full-width and spaced spellings of one name: five are checked, then it is locked', async () => {
    await addUser(site.store, 'wide burst', 'editor');
    const spellings = ['wide burst', 'ｗｉｄｅ burst', 'wide  burst', 'WIDE\u3000BURST', 'ｗｉｄｅ\u00a0ｂｕｒｓｔ', 'Wide   Burst'];
    assert.equal(new Set(spellings.map(accountKey)).size, 1, 'one throttle key');
    const client = new Client(site.url);
    const form = Client.csrf(await (await client.get('/login')).text());
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.post('/login', { _csrf: form, name: spellings[i % spellings.length]!, password: `wrong guess ${i}` }).then((r) => r.status),
      ),
    );
    assert.equal(statuses.filter((s) => s === 401).length, 5, `checked: ${statuses.join(' ')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 7);
    assert.equal((await client.signIn('ｗｉｄｅ burst')).status, 429, 'the right password is refused while locked');
    // `newsdesk user unlock` and the users page clear the key the account's own name folds to.
    await site.store.accounts.clearThrottle([accountKey('wide burst')]);
    assert.equal((await client.signIn('ｗｉｄｅ burst')).status, 303);
  });

  test('held: an account named before names were folded (full-width) still signs in as it is named', async () => {
    // Written past the folding (as `newsdesk user add` stored names before r-accounts).
    await site.store.accounts.createUser({ name: 'ｏｌｄｗｉｄｅ', role: 'editor', passwordHash: await hashPassword(PASSWORD) });
    assert.equal((await new Client(site.url).signIn('ｏｌｄｗｉｄｅ')).status, 303);
    assert.equal((await new Client(site.url).signIn('ＯＬＤＷＩＤＥ')).status, 303);
  });

  test('a Cyrillic or Greek look-alike of an existing name is refused as taken; names in other scripts are not', async () => {
    assert.equal(userNameSkeleton('\u0430dmin'), 'admin');
    assert.equal(userNameSkeleton('\u0410DMIN'), 'admin');
    const admin = await addUser(site.store, 'lookalike chief', 'admin');
    await addUser(site.store, 'oscar', 'editor');
    const client = await signedIn(admin.name);
    const csrf = Client.csrf(await (await client.get('/desk/users')).text());
    const add = (name: string) => client.post('/desk/users', { _csrf: csrf, name, role: 'editor', password: 'another long password' });
    // Cyrillic о; Cyrillic capitals О С А; Greek ο; Cyrillic ѕ and с; the admin's own name with Cyrillic о and е.
    for (const name of ['\u043escar', '\u041eS\u0421\u0410R', '\u03bfscar', 'o\u0455\u0441ar', 'l\u043e\u043ekalik\u0435 chief']) {
      const res = await add(name);
      assert.equal(res.status, 409, JSON.stringify(name));
      assert.match(await res.text(), /already/i, JSON.stringify(name));
    }
    // Wholly Cyrillic, Arabic and Persian names that look like no existing name are added.
    for (const name of ['Ирина', 'Вера', 'فاطمة', 'مریم']) assert.equal((await add(name)).status, 303, name);
    // …and then a Latin name that reads as one of them is the look-alike: "Bepa" beside Cyrillic "Вера".
    assert.equal((await add('Bepa')).status, 409);
    // The store refuses it on every path (`newsdesk user add` and the set-up form call the same add).
    assert.equal(await site.store.accounts.createUser({ name: 'bep\u0430', role: 'editor', passwordHash: 'x' }), undefined);
    const names = (await site.store.accounts.listUsers()).map((u) => u.name);
    assert.ok(!names.some((n) => /[\u0400-\u04ff\u0370-\u03ff]/u.test(n) && userNameSkeleton(n) === 'oscar'), names.join(', '));
  });

  test('two look-alike names added at once: one is added, the other is taken', async () => {
    for (let round = 0; round < 3; round++) {
      const latin = `pablo${round}`;
      const cyrillic = `\u0440\u0430blo${round}`;
      const made = await Promise.all([
        site.store.accounts.createUser({ name: latin, role: 'editor', passwordHash: 'x' }),
        site.store.accounts.createUser({ name: cyrillic, role: 'editor', passwordHash: 'x' }),
      ]);
      assert.equal(made.filter(Boolean).length, 1, `round ${round}`);
    }
  });

  test('held: sign-in never uses the look-alike skeleton (Cyrillic "Вера" does not sign in as Latin "Bepa")', async () => {
    const vera = await site.store.accounts.createUser({ name: 'Вера2', role: 'editor', passwordHash: await hashPassword(PASSWORD) });
    assert.ok(vera);
    assert.equal((await new Client(site.url).signIn('Вера2')).status, 303);
    assert.equal((await new Client(site.url).signIn('Bepa2')).status, 401);
  });
});
