// Every page an editor and a reader open, timed on a store the size of a newsroom following
// thousands of outlets: ~3,000 sources and ~300,000 entries over 30 days in seven languages, with
// failed, never-read and not-article entries, stories, topics, curation overrides and audit rows.
// Entries go in through the store's own write path (saveBatch, stories.assign, setEntriesTopics,
// curation.update/record); only the read-in-full outcome is set in one batch UPDATE per status
// (the pipeline's setFullText per entry would take an hour here). Requests go through the app
// in-process (no socket), as a signed-in editor; the render cache is off (renderCacheBytes 0), so
// every request builds its page. Prints, per page, the first (cold) and the median of the warm
// rounds, in ms, and the machine's load.
//
//   npx tsc -p tsconfig.json && nice -n 10 node dist/bench/desk-scale.js --db /tmp/desk-scale.db
//   nice -n 10 node dist/bench/desk-scale.js --pg postgres://postgres@127.0.0.1:5432/deskscale
//   options: --sources 3000 --entries 300000 --rounds 5 (a store already seeded is reused)
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SESSION_COOKIE } from '../src/auth/session.js';
import { digest, randomSecret } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config/load.js';
import { EXTRACT_FAILURE_KINDS, NOT_ARTICLE_KINDS } from '../src/domain/extract-failure.js';
import type { NewEntry } from '../src/domain/entry.js';
import type { ExtractMode, SourceStatus } from '../src/domain/source.js';
import { createLogger } from '../src/log/logger.js';
import { Registry } from '../src/metrics/registry.js';
import { createHttpApp } from '../src/server/app.js';
import { PostgresStore } from '../src/store/postgres/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import type { StoryAssignmentInput } from '../src/store/stories.js';
import type { EntryTagging } from '../src/store/topics.js';
import { numberOption, option } from './lib/args.js';
import { rng } from './lib/rng.js';

const SOURCES = numberOption('--sources', 3000);
const ENTRIES = numberOption('--entries', 300_000);
const ROUNDS = numberOption('--rounds', 5);
const DAYS = 30;
const DAY = 86_400_000;
const pgUrl = option('--pg', '');
const dbPath = option('--db', '/tmp/desk-scale.db');
const only = option('--only', '');

const LANGS: [string, 'ltr' | 'rtl', string[]][] = [
  ['en', 'ltr', 'council minister harbour port election market court police storm budget school hospital'.split(' ')],
  ['ar', 'rtl', 'محكمة بغداد وزير مجلس انتخابات سوق ميناء شرطة عاصفة ميزانية مدرسة مستشفى'.split(' ')],
  ['fa', 'rtl', 'دادگاه تهران وزیر مجلس انتخابات بازار بندر پلیس طوفان بودجه مدرسه بیمارستان'.split(' ')],
  ['fr', 'ltr', 'conseil ministre port élection marché tribunal police tempête budget école hôpital ville'.split(' ')],
  ['de', 'ltr', 'Rat Minister Hafen Wahl Markt Gericht Polizei Sturm Haushalt Schule Krankenhaus Stadt'.split(' ')],
  ['es', 'ltr', 'consejo ministro puerto elección mercado tribunal policía tormenta presupuesto escuela hospital'.split(' ')],
  ['ru', 'ltr', 'совет министр порт выборы рынок суд полиция шторм бюджет школа больница город'.split(' ')],
];
const TOPICS = ['harbour', 'elections', 'courts', 'health', 'weather'];

async function openStore(): Promise<Store> {
  return pgUrl ? PostgresStore.open({ url: pgUrl }) : SqliteStore.open({ path: dbPath });
}

/** Runs one statement outside the contract (the batch outcome UPDATEs and ANALYZE). */
async function raw(store: Store, sql: string): Promise<void> {
  if (store instanceof SqliteStore) store.db.exec(sql);
  else await (store as PostgresStore).pool.query(sql);
}

async function seed(store: Store): Promise<void> {
  const t0 = performance.now();
  const r = rng(11);
  const now = Date.now();
  const perSource = Math.ceil(ENTRIES / SOURCES);
  const sources: { id: number; lang: number }[] = [];
  for (let i = 0; i < SOURCES; i++) {
    const lang = i % LANGS.length;
    const mode: ExtractMode = i % 5 === 0 ? 'off' : i % 5 === 1 ? 'always' : 'short';
    const { source } = await store.sources.add(
      { url: `https://outlet${i}.example/feed.xml`, title: `Outlet ${i}`, extractMode: mode },
      now - DAYS * DAY,
    );
    const roll = r();
    const status: SourceStatus = roll < 0.08 ? 'failing' : roll < 0.1 ? 'disabled' : roll < 0.12 ? 'new' : 'ok';
    await store.sources.update(source.id, {
      status,
      errorCount: status === 'failing' ? 1 + Math.floor(r() * 20) : 0,
      lastError: status === 'failing' ? 'HTTP 503' : null,
      lastCheckedAt: status === 'new' ? null : now - Math.floor(r() * (i % 50 === 0 ? 10 * DAY : 3_600_000)),
      lastSuccessAt: status === 'new' ? null : now - Math.floor(r() * (status === 'failing' ? 5 * DAY : 3_600_000)),
    });
    sources.push({ id: source.id, lang });
  }
  process.stderr.write(`  ${SOURCES} sources in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  let n = 0;
  for (const s of sources) {
    const [lang, dir, words] = LANGS[s.lang]!;
    const items: NewEntry[] = [];
    for (let j = 0; j < perSource && n < ENTRIES; j++, n++) {
      const w = (k: number) => Array.from({ length: k }, () => words[Math.floor(r() * words.length)]).join(' ');
      const text = `${w(12)}. ${w(15)}. ${w(10)} ${n}.`;
      items.push({
        dedupeKey: `k${n}`,
        fingerprint: `f${n}`,
        url: `https://outlet${s.id}.example/a/${n}`,
        title: `${w(6)} ${n}`,
        author: null,
        contentHtml: `<p>${text}</p>`,
        text,
        lang,
        dir,
        publishedAt: now - Math.floor(r() * DAYS * DAY),
        updatedAt: null,
      });
    }
    if (items.length) await store.entries.saveBatch(s.id, items, now);
  }
  process.stderr.write(`  ${n} entries at ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  // Statistics for the planner before the stories' summaries are computed: with autovacuum off
  // (this machine's PostgreSQL) the planner otherwise takes 300,000 rows for a few and each
  // batch of stories.assign scans them all. Not on SQLite: there, statistics taken while every
  // entry's story_id is NULL say one story holds them all, and each story's summary then scans
  // every entry (the first batch ran 10 minutes without committing); SQLite plans well without.
  if (pgUrl) await raw(store, 'ANALYZE');
  // Read-in-full outcomes in one batch each: 55% read, 5% failed (a reason each), 2% not an
  // article, the rest never read (those of sources reading "short" or "always" are listed).
  const bucket = '((id * 7919) % 100)';
  const kinds = (list: readonly string[]) => `CASE ${list.map((k, i) => `WHEN (id % ${list.length}) = ${i} THEN '${k}'`).join(' ')} END`;
  await raw(store, `UPDATE entries SET extract_status = 'done', full_html = content_html WHERE ${bucket} < 55`);
  await raw(
    store,
    `UPDATE entries SET extract_status = 'failed', extract_error = ${kinds(EXTRACT_FAILURE_KINDS)} WHERE ${bucket} >= 55 AND ${bucket} < 60`,
  );
  await raw(
    store,
    `UPDATE entries SET extract_status = 'not-article', extract_error = ${kinds(NOT_ARTICLE_KINDS)} WHERE ${bucket} >= 60 AND ${bucket} < 62`,
  );
  // Stories: entries taken in publication order, groups of 1–6 across outlets and languages.
  const ids: { id: number; at: number }[] = [];
  for (let after = 0; ; ) {
    const page = await store.entries.scan(after, 5000);
    if (!page.length) break;
    for (const e of page) ids.push({ id: e.id, at: e.publishedAt });
    after = page[page.length - 1]!.id;
  }
  ids.sort((a, b) => a.at - b.at);
  let assign: StoryAssignmentInput[] = [];
  let story = 0;
  for (let i = 0; i < ids.length; story++) {
    const size = 1 + Math.floor(r() * 6);
    for (let k = 0; k < size && i < ids.length; k++, i++) assign.push({ entryId: ids[i]!.id, storyKey: `s${story}` });
    if (assign.length >= 2000) {
      await store.stories.assign(assign, now);
      assign = [];
    }
  }
  if (assign.length) await store.stories.assign(assign, now);
  process.stderr.write(`  ${story} stories at ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  // Topics: five, each tagging ~2% of the entries.
  for (const id of TOPICS)
    await store.topics.saveDefinition({ id, definition: { id, name: id[0]!.toUpperCase() + id.slice(1), entities: [{ name: id }] } }, now);
  let tags: EntryTagging[] = [];
  for (const e of ids) {
    const roll = r();
    if (roll >= 0.1) continue;
    const topicId = TOPICS[Math.floor(roll * 50)]!;
    tags.push({
      entryId: e.id,
      publishedAt: e.at,
      tags: [{ topicId, matches: [{ field: 'title', start: 0, end: 3, text: 'abc', alias: topicId, entity: topicId, reason: 'name' }] }],
    });
    if (tags.length >= 2000) {
      await store.topics.setEntriesTopics(tags, now);
      tags = [];
    }
  }
  if (tags.length) await store.topics.setEntriesTopics(tags, now);
  // Curation: 300 overrides (each with its audit row) and 20,000 more audit rows.
  const actor = { id: null, name: 'bench' };
  for (let i = 0; i < 300; i++) {
    const e = ids[(ids.length - 1 - i * 97 + ids.length * 100) % ids.length]!;
    const patch = i % 3 === 0 ? { pinned: true } : i % 3 === 1 ? { hidden: true } : { headline: `Edited ${i}` };
    await store.curation.update(
      { kind: i % 10 === 0 ? 'story' : 'entry', id: i % 10 === 0 ? i + 1 : e.id },
      patch,
      actor,
      'teaser.edit',
      now - i * 60_000,
    );
  }
  for (let i = 0; i < 20_000; i++)
    await store.curation.record(
      {
        actorId: null,
        actorName: `editor${i % 7}`,
        action: ['source.add', 'topic.save', 'teaser.pin', 'story.merge'][i % 4]!,
        target: `entry:${i}`,
        before: null,
        after: { i },
      },
      now - i * 120_000,
    );
  await raw(store, 'ANALYZE');
  process.stderr.write(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}

async function main(): Promise<void> {
  const fresh = pgUrl ? true : !existsSync(dbPath);
  let store = await openStore();
  if (fresh && (await store.entries.count()) === 0) await seed(store);
  await store.close();
  store = await openStore();
  const total = await store.entries.count();
  const config = loadConfig({ env: {}, overrides: { pageSize: 50, renderStaleMs: 0, renderCacheBytes: 0 } });
  const app = createHttpApp({ store, config, log: createLogger('silent'), metrics: new Registry() });
  const user =
    (await store.accounts.findUser('bench-editor')) ??
    (await store.accounts.createUser({ name: 'bench-editor', role: 'editor', passwordHash: 'none' }));
  const secret = randomSecret();
  await store.accounts.createSession({
    id: digest(secret),
    userId: user!.id,
    csrf: 'x'.repeat(32),
    createdAt: Date.now(),
    expiresAt: Date.now() + DAY,
  });
  const cookie = `${SESSION_COOKIE}=${secret}`;
  const get = async (path: string): Promise<{ ms: number; status: number; body: string }> => {
    const t = performance.now();
    const res = await app.request(path, { headers: { cookie } });
    const body = await res.text();
    return { ms: performance.now() - t, status: res.status, body };
  };
  const storyId = (await store.stories.list({ limit: 1 })).items[0]?.id;
  const sourceId = (await store.sources.list())[Math.floor(SOURCES / 2)]!.id;
  const entryId = (await store.entries.list({ limit: 1 })).items[0]?.id;
  // Page 20 of a list: the older-link of page 19, followed from page 1.
  const pageOf = async (first: string, n: number): Promise<string> => {
    let path = first;
    for (let i = 1; i < n; i++) {
      const m = /href="(\/desk\/curation\?[^"]*older=[^"]*)"/.exec((await get(path)).body);
      if (!m) return `${path}#end`;
      path = m[1]!.replaceAll('&amp;', '&');
    }
    return path;
  };
  const pages: [string, string | (() => Promise<string>)][] = [
    ['desk sources', '/desk/sources'],
    ['desk sources failing', '/desk/sources?filter=failing'],
    ['desk sources slow', '/desk/sources?filter=slow'],
    ['desk sources stale', '/desk/sources?filter=stale'],
    ['desk sources never', '/desk/sources?filter=never'],
    ['desk never-read', '/desk/sources/never-read'],
    ['desk source page', `/desk/sources/${sourceId}`],
    ['desk curation', '/desk/curation'],
    ['desk curation p20', () => pageOf('/desk/curation', 20)],
    ['desk curation failed', '/desk/curation?failed=1'],
    ['desk curation failed p20', () => pageOf('/desk/curation?failed=1', 20)],
    ['desk curation no-article', '/desk/curation?noarticle=1'],
    ['desk curation no-article p20', () => pageOf('/desk/curation?noarticle=1', 20)],
    ['desk curation stories', '/desk/curation/stories'],
    ['desk audit', '/desk/audit'],
    ['desk settings', '/desk/settings'],
    ['start page', '/'],
    ['topic page', `/topics/${TOPICS[0]}`],
    ['story page', `/stories/${storyId}`],
    ['source page', `/sources/${sourceId}`],
    ['entry page', `/entries/${entryId}`],
    ['search', `/search?q=${encodeURIComponent('harbour')}`],
    ['search ar', `/search?q=${encodeURIComponent('ميناء')}`],
    ['feed (site, atom)', '/feed.atom'],
    ['feed (topic, rss)', `/topics/${TOPICS[0]}/feed.rss`],
    ['api entries', '/api/v1/entries'],
    ['api stories', '/api/v1/stories'],
    ['api sources', '/api/v1/sources'],
    ['api topic entries', `/api/v1/topics/${TOPICS[0]}/entries`],
    ['api search', '/api/v1/search?q=harbour'],
    ['api health', '/api/v1/health'],
  ];
  console.log(
    `${pgUrl ? 'postgres' : 'sqlite'}: ${SOURCES} sources, ${total} live entries; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log('page | status | cold ms | warm median ms');
  for (const [name, at] of pages) {
    if (only && !name.includes(only)) continue;
    const path = typeof at === 'string' ? at : await at();
    const times: number[] = [];
    let status = 0;
    for (let i = 0; i <= ROUNDS; i++) {
      const res = await get(path);
      status = res.status;
      times.push(res.ms);
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    console.log(`${name} | ${status} | ${times[0]!.toFixed(0)} | ${warm[Math.floor(warm.length / 2)]!.toFixed(0)}  (${path})`);
  }
  console.log(
    `load after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await store.close();
}

await main();
