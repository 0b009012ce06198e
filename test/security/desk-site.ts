// The desk as the security tests see it: the hostile feeds (hostile-feeds.ts) ingested through the
// real scheduler and pipeline (stories clustered, topics tagged), secrets configured the way an
// operator would (apiToken, an SMTP password, a topic's webhook secret, a feed address with a
// password), an admin signed in through /login, and hostile values stored through the desk's own
// forms: a source's private Authorization header and selectors, a topic, teaser and story
// overrides, an API token's name; plus a failing source whose failure reason holds markup.
import { secretConfig } from './secret-config.js';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { Auth, authOptions, SESSION_COOKIE } from '../../src/auth/session.js';
import type { Config } from '../../src/config/options.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { createLogger, setRootLogger, type Logger } from '../../src/log/logger.js';
import { Registry } from '../../src/metrics/registry.js';
import { createHttpApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { buildPipeline, type Pipeline } from '../../src/server/pipeline.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { addUser, Client, PASSWORD } from '../auth/helpers.js';
import { feedRoute, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { hostileAtom, hostileJsonFeed, hostileRss, loadPayloads } from './hostile-feeds.js';

/** Markup that runs if anything renders it unescaped, in an attribute or in text. */
export const HOSTILE = `"'><img src=x onerror=alert('desk')><script>alert('desk')</script><svg/onload=alert('desk')>javascript:alert('desk')`;

/** As much of it as a 64-character name field takes (token names). */
export const HOSTILE_SHORT = `"'><img src=x onerror=alert('tok')><svg/onload=alert(1)>`;

/** Configured and stored secrets, fixed before the run. */
export const SECRETS = {
  apiToken: 'api-token-5e0a7c31d9-desk-secret',
  smtpPassword: 'smtp-pass-71c2aa09-desk-secret',
  webhookSecret: 'webhook-secret-3bd80e6f4c-desk',
  feedPassword: 'feed-pass-d00dfeed-desk-secret',
  headerValue: 'header-secret-9a41f3c7e2-desk',
};

export interface DeskSite {
  url: string;
  store: SqliteStore;
  config: Config;
  feeds: FixtureServer;
  admin: Client;
  adminId: number;
  /** Secrets known only once the run made them: the admin's session token and password hash, the API token's value; the passwords typed. */
  made: Record<string, string>;
  /** The one response that showed the new API token (its one-time display). */
  tokenShownOnce: string;
  logLines: string[];
  failingSourceId: number;
  /** Entries and stories whose teaser an editor overrode with hostile text. */
  editedEntries: number[];
  featuredStory: number | undefined;
  close(): Promise<void>;
}

export async function startDeskSite(every = 5): Promise<DeskSite> {
  const logLines: string[] = [];
  const log: Logger = createLogger('debug', { format: 'json', destination: { write: (line: string) => void logLines.push(line) } });
  setRootLogger(log);
  const payloads = loadPayloads().filter((_, i) => i % every === 0);
  const third = Math.ceil(payloads.length / 3);
  const feeds = await startFixtureServer({
    '/rss.xml': feedRoute(hostileRss(payloads.slice(0, third), 0)),
    '/atom.xml': feedRoute(hostileAtom(payloads.slice(third, 2 * third), third), { contentType: 'application/atom+xml' }),
    '/feed.json': feedRoute(hostileJsonFeed(payloads.slice(2 * third), 2 * third), { contentType: 'application/feed+json' }),
    '/gone.xml': { status: 500, body: HOSTILE },
    '/hook': { status: 204 },
  });
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-desk-security-'));
  const topicsFile = join(dir, 'topics.yaml');
  writeFileSync(
    topicsFile,
    stringifyYaml({
      topics: [
        {
          id: 'vector',
          name: 'Vector',
          entities: [{ id: 'vector', name: 'vector' }],
          alerts: { webhook: { url: `${feeds.url}/hook`, secret: SECRETS.webhookSecret } },
        },
      ],
    }),
  );
  const config = secretConfig(dir, 'desk.db', topicsFile, SECRETS);
  const store = await SqliteStore.open({ path: join(dir, 'desk.db'), defaultIntervalSeconds: config.defaultIntervalSeconds });
  for (const p of ['/rss.xml', '/atom.xml', '/feed.json'])
    await store.sources.add({ url: `${feeds.url}${p}`, kind: 'feed', extractMode: 'off' });
  const withPassword = feeds.url.replace('http://', `http://reader:${SECRETS.feedPassword}@`);
  await store.sources.add({ url: `${withPassword}/rss.xml?copy=1`, kind: 'feed', extractMode: 'off' });
  const failing = (await store.sources.add({ url: `${feeds.url}/gone.xml`, kind: 'feed', extractMode: 'off', title: HOSTILE })).source;

  const pipeline: Pipeline = await buildPipeline({ store, config, log, alerts: true });
  const scheduler = new Scheduler({ store, config, log, steps: pipeline.steps, readers: pipeline.readers });
  try {
    await scheduler.pollOnce();
  } finally {
    await scheduler.close();
  }
  await pipeline.alerts?.worker.runOnce();
  // The fetch failed for real; its reason is then made to carry an outlet's markup, as a reason
  // quoting a server's answer would.
  const failed = await store.sources.get(failing.id);
  assert.ok(failed && failed.errorCount > 0, 'the failing source failed');
  await store.sources.update(failing.id, { lastError: `HTTP 500: ${HOSTILE} at http://reader:${SECRETS.feedPassword}@127.0.0.1/x` });

  const auth = new Auth(store, authOptions(config));
  const app = createHttpApp({ store, config, log, metrics: new Registry(), topics: pipeline.topics, steps: pipeline.steps, auth });
  const server: RunningServer = await listen(app, { host: '127.0.0.1', port: 0 });
  const admin = await addUser(store, 'Ada Admin', 'admin');
  const client = new Client(server.url);
  const signed = await client.signIn('Ada Admin');
  assert.equal(signed.status, 303, 'the admin signed in');
  const csrf = async (path: string): Promise<string> => Client.csrf(await (await client.get(path)).text());
  const post = async (path: string, fields: Record<string, string>, from = path): Promise<Response> => {
    const res = await client.post(path, { _csrf: await csrf(from), ...fields });
    assert.ok(res.status < 400, `POST ${path} → ${res.status}`);
    return res;
  };

  // A private header and hostile selectors on the first source (the audit log keeps both sides):
  // the markup inside a quoted attribute value, as a save takes only selectors that are CSS.
  const first = (await store.sources.list())[0]!;
  const hostileSelector = `a[title=${JSON.stringify(HOSTILE)}]`;
  await post(
    `/desk/sources/${first.id}/settings`,
    {
      interval: '60',
      extractMode: 'off',
      headers: `Authorization: Bearer ${SECRETS.headerValue}`,
      sel_item: hostileSelector,
      sel_title: hostileSelector,
    },
    `/desk/sources/${first.id}`,
  );
  // Fetch now, so the private header is used (and could reach a log line or a page).
  await post(`/desk/sources/${first.id}/fetch`, {}, `/desk/sources/${first.id}`);
  assert.ok(
    feeds.requests.some((r) => r.headers.authorization === `Bearer ${SECRETS.headerValue}`),
    'fetch now sent the private header',
  );
  // A topic whose every text is hostile, saved through the editor.
  const topicSource = stringifyYaml([
    {
      id: 'hostile-topic',
      name: HOSTILE,
      description: HOSTILE,
      entities: [{ id: 'vec', name: 'vector', aliases: [HOSTILE.replace(/[<>]/g, ' ').slice(0, 60)] }],
    },
  ]);
  await post('/desk/topics/save', { source: topicSource, version: '0', originalId: '', action: 'save' }, '/desk/topics/new');
  // A topic with an inline webhook secret, written at the desk as an operator might: refused (the desk keeps and shows topic text).
  const alerting = stringifyYaml([
    {
      id: 'alerting-topic',
      name: 'Alerting topic',
      entities: [{ id: 'vec', name: 'vector' }],
      alerts: { webhook: { url: `${feeds.url}/hook`, secret: SECRETS.webhookSecret } },
    },
  ]);
  const inline = await client.post('/desk/topics/save', {
    _csrf: await csrf('/desk/topics/new'),
    source: alerting,
    version: '0',
    originalId: '',
    action: 'save',
  });
  assert.equal(inline.status, 422, 'an inline webhook secret is refused at the desk');
  assert.equal(await store.desk.getTopic('alerting-topic'), undefined);
  // Teaser overrides with hostile headlines and excerpts; a story featured.
  const entries = (await store.entries.list({ limit: 5 })).items;
  const editedEntries: number[] = [];
  for (const e of entries.slice(0, 3)) {
    await post(`/desk/curation/entries/${e.id}`, { op: 'edit', headline: HOSTILE, excerpt: HOSTILE }, `/desk/curation/entries/${e.id}`);
    editedEntries.push(e.id);
  }
  const story = (await store.stories.list({ limit: 1 })).items[0];
  if (story) await post(`/desk/curation/stories/override/${story.id}`, { op: 'feature' }, '/desk/curation/stories');
  // An API token with a hostile name; its value is shown once.
  const tokenRes = await post('/desk/account/tokens', { name: HOSTILE_SHORT, scope: 'read' }, '/desk/account');
  const tokenShownOnce = await tokenRes.text();
  const tokenValue = /id="new-token" readonly size="50" value="(nd_[A-Za-z0-9_-]{43})"/.exec(tokenShownOnce)?.[1];
  assert.ok(tokenValue, 'the new token was shown once');
  // A hostile user name is refused; a second user is added.
  const refused = await client.post('/desk/users', {
    _csrf: await csrf('/desk/users'),
    name: HOSTILE,
    role: 'editor',
    password: 'another long password',
  });
  assert.equal(refused.status, 422, 'a user name with markup is refused');
  await post('/desk/users', { name: 'Second Editor', role: 'editor', password: 'another long password' });

  const stored = await store.accounts.getUser(admin.id);
  const made = {
    sessionToken: client.cookies.get(SESSION_COOKIE) ?? '',
    passwordHash: stored?.passwordHash ?? '',
    apiTokenValue: tokenValue,
    // Passwords as typed at sign-in and in the new-user form.
    adminPassword: PASSWORD,
    newUserPassword: 'another long password',
  };
  assert.ok(made.sessionToken && made.passwordHash);
  return {
    url: server.url,
    store,
    config,
    feeds,
    admin: client,
    adminId: admin.id,
    made,
    tokenShownOnce,
    logLines,
    failingSourceId: failing.id,
    editedEntries,
    featuredStory: story?.id,
    close: async () => {
      await server.close();
      await pipeline.close();
      await store.close();
      await feeds.close();
    },
  };
}

/** The name of the first secret found in `text` (configured or made during the run), or undefined. */
export function secretIn(text: string, made: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries({ ...SECRETS, ...made })) {
    if (!value) continue;
    if (text.includes(value) || text.includes(encodeURIComponent(value))) return name;
  }
  return undefined;
}
