// Every state-changing route of the site, read from the Hono app's own route table (app.routes),
// is posted from a signed-in admin's session without the `_csrf` field, and again with another
// session's token: each answers 403 and changes nothing (users, sessions, tokens, sources and
// their private settings, topics, overrides, stories, the audit log). A route added later without
// the check is enumerated like the others and fails here. The JSON API's writes are in the table
// too: they take a token, never a session, so a session's POST is refused there as well. Outside
// the rule, by design: the CSP report address (anyone may post; it only counts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Auth, authOptions } from '../../src/auth/session.js';
import { digest, newApiToken } from '../../src/auth/tokens.js';
import { createLogger } from '../../src/log/logger.js';
import { Registry } from '../../src/metrics/registry.js';
import { createHttpApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import type { Store } from '../../src/store/store.js';
import { addUser, Client, PASSWORD } from '../auth/helpers.js';
import { populatedStore, testConfig } from '../web/helpers.js';

/** The one route anyone may post to: it only counts reports. */
const EXEMPT = (path: string): boolean => path === '/csp-report';

let store: Store;
let server: RunningServer;
let routes: { method: string; path: string }[];
let admin: Client;
let other: Client;
const ids = { user: 0, token: 0, source: 0, entry: 0, story: 0, story2: 0, topic: 'csrf-topic' };

before(async () => {
  store = (await populatedStore()).store;
  const config = testConfig();
  const app = createHttpApp({
    store,
    config,
    log: createLogger('silent'),
    metrics: new Registry(),
    auth: new Auth(store, authOptions(config)),
  });
  routes = app.routes.filter((r) => !['GET', 'HEAD', 'OPTIONS', 'ALL'].includes(r.method) && !EXEMPT(r.path));
  routes = [...new Map(routes.map((r) => [`${r.method} ${r.path}`, r])).values()];
  server = await listen(app, { host: '127.0.0.1', port: 0 });

  const a = await addUser(store, 'Ada Admin', 'admin');
  ids.user = (await addUser(store, 'Eddie Editor', 'editor')).id;
  ids.token = (await store.accounts.createToken({ userId: a.id, name: 'ci', hash: digest(newApiToken()), scope: 'read' })).id;
  const entries = (await store.entries.list({ limit: 10 })).items;
  ids.source = entries[0]!.sourceId;
  ids.entry = entries[0]!.id;
  await store.stories.assign([
    { entryId: entries[0]!.id, storyKey: 'csrf-a' },
    { entryId: entries[1]!.id, storyKey: 'csrf-a' },
    { entryId: entries[2]!.id, storyKey: 'csrf-b' },
  ]);
  ids.story = (await store.entries.get(entries[0]!.id))!.storyId!;
  ids.story2 = (await store.entries.get(entries[2]!.id))!.storyId!;
  admin = new Client(server.url);
  assert.equal((await admin.signIn('Ada Admin')).status, 303);
  // A stored topic for the topic routes, saved through the editor.
  const saved = await admin.post('/desk/topics/save', {
    _csrf: Client.csrf(await (await admin.get('/desk/topics/new')).text()),
    source: `- id: ${ids.topic}\n  name: CSRF topic\n  entities:\n    - name: Harbour\n`,
    version: '0',
    originalId: '',
    action: 'save',
  });
  assert.equal(saved.status, 303);
  other = new Client(server.url);
  assert.equal((await other.signIn('Eddie Editor')).status, 303);
});

after(async () => {
  await server?.close();
  await store?.close();
});

/** Everything a POST could change, as one comparable value. */
async function snapshot(): Promise<string> {
  const users = await store.accounts.listUsers();
  const tokens = await Promise.all(users.map((u) => store.accounts.listTokens(u.id)));
  const entryIds = (await store.entries.list({ limit: 100 })).items.map((e) => [e.id, e.storyId]);
  const stories = (await store.stories.list({ limit: 100 })).items.map((s) => [s.id, s.articles]);
  const overrides = await store.curation.overrides(
    entryIds.map(([id]) => id as number),
    stories.map(([id]) => id as number),
  );
  return JSON.stringify({
    users,
    tokens,
    sources: await store.sources.list(),
    settings: [...(await store.desk.allSourceSettings())],
    topics: await store.desk.listTopics(),
    rejected: await store.desk.rejectedNames(ids.topic),
    entryIds,
    stories,
    overrides: [[...overrides.entries], [...overrides.stories]],
    audit: (await store.curation.audit({ limit: 1000 })).items.length,
  });
}

/** A concrete address for a route pattern, naming things that exist. */
function address(path: string): string {
  return path
    .replace(/\/users\/:id\b/, `/users/${ids.user}`)
    .replace(/\/tokens\/:id\b/, `/tokens/${ids.token}`)
    .replace(/\/sources\/:id\b/, `/sources/${ids.source}`)
    .replace(/\/topics\/:id\b/, `/topics/${ids.topic}`)
    .replace(/\/entries\/:id\b/, `/entries/${ids.entry}`)
    .replace(/\/stories\/override\/:id\b/, `/stories/override/${ids.story}`)
    .replace(/\/stories\/:id\b/, `/stories/${ids.story}`)
    .replace(/:token\b/, 'not-a-set-up-link')
    .replace(/:[A-Za-z]+/g, '1');
}

/** Every field any desk form reads, filled so that only the token is missing. */
const FIELDS: Record<string, string> = {
  name: 'Harbour Port',
  role: 'reader',
  password: 'a brand new long password',
  password2: 'a brand new long password',
  current: PASSWORD,
  disabled: '1',
  lang: 'ar',
  scope: 'read',
  url: 'https://csrf.example/feed.xml',
  kind: 'feed',
  title: 'Forged',
  interval: '5',
  headers: 'Authorization: Bearer forged',
  allowPrivate: '1',
  op: 'hide',
  headline: 'Forged headline',
  excerpt: 'Forged excerpt',
  entries: '',
  entity: 'harbour',
  version: '1',
  id: ids.topic,
  source: `- id: ${ids.topic}\n  name: Forged\n  entities:\n    - name: Forged\n`,
  action: 'save',
};

describe('every state-changing route checks the CSRF token of a signed-in session', () => {
  it('the route table lists the desk, account, users and sign-out forms', () => {
    const paths = routes.map((r) => r.path);
    for (const p of [
      '/logout',
      '/desk/account/tokens',
      '/desk/users',
      '/desk/sources/add',
      '/desk/topics/save',
      '/desk/curation/entries/:id',
    ])
      assert.ok(paths.includes(p), `${p} is in the route table`);
    assert.ok(routes.length >= 25, `${routes.length} routes`);
  });

  for (const variant of ['without the _csrf field', "with another session's token"] as const) {
    it(`a POST ${variant} is refused with 403 and changes nothing`, async () => {
      const otherToken = Client.csrf(await (await other.get('/desk/account')).text());
      const before = await snapshot();
      const refused: string[] = [];
      for (const r of routes) {
        const path = address(r.path);
        const fields = {
          ...FIELDS,
          into: String(ids.story),
          from: String(ids.story2),
          ...(variant === 'without the _csrf field' ? {} : { _csrf: otherToken }),
        };
        const res = await admin.request(path, {
          method: r.method,
          body: new URLSearchParams(fields).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        // A set-up link is checked before its form token: an unknown one answers 404, which changes nothing either.
        const ok = res.status === 403 || (r.path === '/setup/:token' && res.status === 404);
        if (!ok) refused.push(`${r.method} ${path} → ${res.status}`);
        assert.equal(await snapshot(), before, `${r.method} ${path} changed something`);
      }
      assert.deepEqual(refused, [], 'routes that did not answer 403');
      // The session survived the forged sign-out, and still works.
      assert.equal((await admin.get('/desk/account')).status, 200);
    });
  }

  it('the same POSTs with the session token do get through (the refusals above were for the token)', async () => {
    const token = Client.csrf(await (await admin.get('/desk/account')).text());
    const res = await admin.post('/desk/account/lang', { _csrf: token, lang: 'fa' });
    assert.equal(res.status, 303);
    assert.equal((await store.accounts.findUser('Ada Admin'))?.lang, 'fa');
  });
});
