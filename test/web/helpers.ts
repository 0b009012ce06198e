// A populated store and app for web tests. Entries are written through the Store contract, as
// the pipeline would, so the same fixture fills either dialect (test/helpers/dialects.ts).
import assert from 'node:assert/strict';
import type { Entry, NewEntry } from '../../src/domain/entry.js';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/options.js';
import { createLogger } from '../../src/log/logger.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { createHttpApp, type HttpAppDeps } from '../../src/server/app.js';
import { Registry } from '../../src/metrics/registry.js';
import { type Dialect, QueryCounter } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';

export const HOUR = 3_600_000;

export function entry(key: string, title: string, text: string, publishedAt: number, extra: Partial<NewEntry> = {}): NewEntry {
  return textEntry({ dedupeKey: key, fingerprint: `fp-${key}`, url: `https://news.example/${key}` }, title, text, publishedAt, extra);
}

export const BASE_TIME = Date.UTC(2026, 10, 20, 12, 0, 0);

/** A fresh store (`open`, default an in-memory SQLite one) holding three sources and six stories. */
export async function populatedStore<S extends Store = SqliteStore>(
  open?: () => Promise<S>,
): Promise<{ store: S; ids: { wire: number; arabic: number; persian: number } }> {
  const store = open ? await open() : ((await SqliteStore.open({ path: ':memory:' })) as Store as S);
  const wire = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Harbour Wire' })).source.id;
  const arabic = (await store.sources.add({ url: 'https://rafidain.example/rss', title: 'الرافدين اليوم' })).source.id;
  const persian = (await store.sources.add({ url: 'https://khabar.example/atom', title: 'خبرنامه' })).source.id;
  await store.entries.saveBatch(wire, [
    entry(
      'w1',
      'Court hears appeal over Camp Ashraf property',
      'Judges in Baghdad heard an appeal on Tuesday over farmland near the former Camp Ashraf. Lawyers for the farmers said the Mojahedin-e Khalq had held the plots for two decades. The court will rule next month.',
      BASE_TIME - 1 * HOUR,
    ),
    entry(
      'w2',
      'MEK rally draws crowd in Paris suburb',
      "Supporters of the People's Mojahedin Organization of Iran gathered in Villepinte on Saturday. Organisers claimed a large turnout; police gave a lower figure. Speakers called for sanctions.",
      BASE_TIME - 2 * HOUR,
    ),
    entry(
      'w3',
      'Harbour authority opens new container berth',
      'The port authority opened a deep-water berth on Monday. It can take the largest container ships now in service. Officials expect traffic to rise by a fifth.',
      BASE_TIME - 3 * HOUR,
    ),
    entry(
      'w4',
      'Weather service warns of <storm> & "floods"',
      'Forecasters issued a warning for the coast. Heavy rain is expected overnight, with winds gusting above 90 km/h. Residents were told to avoid low-lying roads.',
      BASE_TIME - 4 * HOUR,
    ),
  ]);
  await store.entries.saveBatch(arabic, [
    entry(
      'a1',
      'محكمة عراقية تنظر في قضية منظمة مجاهدي خلق',
      'نظرت محكمة في بغداد اليوم في دعوى تتعلق بأراضٍ زراعية قرب معسكر أشرف السابق. وقال محامو المزارعين إن المنظمة استولت على الأراضي قبل عقدين.',
      BASE_TIME - 90 * 60_000,
      { lang: 'ar', dir: 'rtl' },
    ),
  ]);
  await store.entries.saveBatch(persian, [
    entry(
      'p1',
      'گزارش تازه درباره سازمان مجاهدین خلق',
      'یک گزارش تازه از وضعیت اعضای پیشین سازمان مجاهدین خلق در آلبانی منتشر شد. نویسندگان گزارش با چند عضو جداشده گفتگو کرده‌اند.',
      BASE_TIME - 150 * 60_000,
      { lang: 'fa', dir: 'rtl' },
    ),
  ]);
  return { store, ids: { wire, arabic, persian } };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Most tests write to the store directly, as another process would, and read the page at once:
  // no stale window for them (render-cache.test.ts and curation.test.ts test it).
  return loadConfig({ env: {}, overrides: { pageSize: 50, renderStaleMs: 0, ...overrides } });
}

export function makeApp(store: Store, overrides: Partial<Config> = {}, deps: Pick<HttpAppDeps, 'renderClock'> = {}) {
  return createHttpApp({ store, config: testConfig(overrides), log: createLogger('silent'), metrics: new Registry(), ...deps });
}

/**
 * The start of a query-count test: a store of dialect `d` that counts its queries, with `n` stories
 * an hour apart on one source (newest first in `list`).
 */
export async function countedStore(d: Dialect, n: number): Promise<{ store: Store; counter: QueryCounter; list: Entry[] }> {
  const counter = new QueryCounter();
  const store = await d.open({ onQuery: counter.onQuery });
  const { source } = await store.sources.add({ url: 'https://q.example/feed.xml' });
  const list = (
    await store.entries.saveBatch(
      source.id,
      Array.from({ length: n }, (_, i) => entry(`q${i}`, `Story ${i}`, `Text of story ${i}.`, BASE_TIME - i * HOUR)),
    )
  ).inserted;
  return { store, counter, list };
}

/**
 * Holds `store`'s change stamp still, for counts of a desk page's statements (the desk has no page
 * cache the stamp would let serve). Desk pages read the sources once per stamp (the site's
 * SourceCatalog), and PostgreSQL's stamp moves with any transaction on the server, other tests'
 * too: that one read would then land in one count and not in another.
 */
export function steadyStamp(store: Store): void {
  store.search.changeStamp = async () => 'steady';
}

/**
 * The queries a request of `path` costs once warm (a first request makes the viewer's session and
 * user exist), checking that it answers 200.
 */
export async function warmQueries(
  app: { request(path: string): Response | Promise<Response> },
  counter: QueryCounter,
  path: string,
): Promise<number> {
  await (await app.request(path)).text();
  counter.reset();
  const res = await app.request(path);
  assert.equal(res.status, 200);
  await res.text();
  return counter.count;
}

/** The body of a request of `path`, checking that it answers 200 (the path names the failure). */
export async function okText(app: { request(path: string): Response | Promise<Response> }, path: string): Promise<string> {
  const res = await app.request(path);
  assert.equal(res.status, 200, path);
  return res.text();
}

/** A reader of the site over `store` (pages and API, `pageSize` teasers a page): each path must answer 200; its body. */
export function siteReader(store: Store, pageSize: number): (path: string) => Promise<string> {
  const app = makeApp(store, { pageSize, excerptChars: 120 });
  return async (path) => {
    const res = await app.request(path, { headers: { host: 'localhost' } });
    assert.equal(res.status, 200, path);
    return res.text();
  };
}

/** The article an entry copies (undefined for an article). */
export const copyOf = async (store: Store, id: number): Promise<number | null | undefined> => (await store.entries.get(id))?.duplicateOf;

/** Whether each entry is shown to the public: its page and its API record, which must agree. */
export async function shownOnSite(store: Store, ids: number[]): Promise<boolean[]> {
  const app = makeApp(store);
  const out: boolean[] = [];
  for (const id of ids) {
    const page = (await app.request(`/entries/${id}`, { headers: { host: 'localhost' } })).status === 200;
    const api = (await app.request(`/api/v1/entries/${id}`, { headers: { host: 'localhost' } })).status === 200;
    assert.equal(page, api, `entry ${id}: the page and the API agree`);
    out.push(page);
  }
  return out;
}
