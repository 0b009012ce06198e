// /desk/sources over both dialects: add with a preview against a real feed server on 127.0.0.1
// (nothing stored until confirmed), CSRF refused, settings saved with the private headers never
// rendered (and used by fetch now), allowing a private address, the health filters, and an OPML
// round trip through the import job and the export.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readOpml } from '../../src/ingest/opml/index.js';
import { OPML_IMPORT, opmlImportHandler } from '../../src/jobs/opml-import.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { createLogger } from '../../src/log/logger.js';
import { defaultReaders, refreshSource } from '../../src/pipeline/index.js';
import { withDeskSettings } from '../../src/server/desk-readers.js';
import { loopbackFetcher } from '../helpers/loopback-fetcher.js';
import { forEachDialect } from '../helpers/dialects.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import type { Store } from '../../src/store/index.js';
import { ADMIN, CSRF, deskConfig, eventually, mountDesk, type TestDesk } from './helpers.js';

const SECRET = 'Bearer very-secret-token-4f9a2c';

function rss(titles: string[]): string {
  const items = titles
    .map(
      (t, i) =>
        `<item><title>${t}</title><link>https://news.example/${i}</link><guid>g${i}</guid><pubDate>Mon, 0${i + 1} Jun 2026 10:00:00 GMT</pubDate></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture Wire</title><link>https://news.example/</link>${items}</channel></rss>`;
}

/** A job runner for OPML imports: the desk only queues the import, a process that runs jobs does it. */
function opmlJobs(store: Store, owner: string): JobRunner {
  return new JobRunner({
    jobs: store.jobs,
    handlers: { [OPML_IMPORT]: opmlImportHandler(store) },
    owner,
    log: createLogger('silent'),
    pollMs: 20,
  });
}

/**
 * "Fetch now" as a browser does it: the POST answers 303 to the source's page (Post/Redirect/Get),
 * which is then read; the page's text.
 */
async function fetchNow(desk: TestDesk, id: number): Promise<string> {
  const res = await desk.post(`/desk/sources/${id}/fetch`, {});
  assert.equal(res.status, 303, 'fetch now answers with a redirect');
  const to = res.headers.get('location') ?? '';
  assert.match(to, new RegExp(`^/desk/sources/${id}\\?done=fetch`));
  return (await desk.request(to)).text();
}

/** Uploads an OPML file through the desk's form, as a signed-in editor. */
function uploadOpml(desk: TestDesk, opml: string): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', CSRF);
  form.set('opml', new File([opml], 'subs.opml', { type: 'text/x-opml' }));
  return desk.request('/desk/sources/opml', { method: 'POST', body: form });
}

/** The import job's page once it says the job is finished. */
async function finishedJobPage(desk: TestDesk, jobUrl: string): Promise<string> {
  let page = '';
  await eventually(async () => {
    page = await (await desk.request(jobUrl)).text();
    return page.includes('data-finished="yes"');
  });
  return page;
}

let srv: FixtureServer;
const TITLES = ['Harbour reopens after storm', 'Council votes on tram line', 'Library extends opening hours'];
before(async () => {
  srv = await startFixtureServer({
    '/feed.xml': { headers: { 'content-type': 'application/rss+xml' }, body: rss(TITLES) },
    '/private.xml': (req, res) => {
      if (req.headers.authorization !== SECRET) return void res.writeHead(401, { 'content-type': 'text/plain' }).end('no');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(['Private item one']));
    },
  });
  const urlset = (news: boolean): string =>
    `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${[
      1, 2,
    ]
      .map(
        (i) =>
          `<url><loc>https://news.example/a${i}</loc>${news ? `<news:news><news:publication><news:name>Wire</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-06-0${i}</news:publication_date><news:title>Story ${i}</news:title></news:news>` : ''}</url>`,
      )
      .join('')}</urlset>`;
  srv.route('/plain-sitemap.xml', { headers: { 'content-type': 'application/xml' }, body: urlset(false) });
  srv.route('/news-sitemap.xml', { headers: { 'content-type': 'application/xml' }, body: urlset(true) });
  srv.route('/', {
    headers: { 'content-type': 'text/html' },
    body: `<!doctype html><html><head><title>Fixture site</title><link rel="alternate" type="application/rss+xml" href="${srv.url}/feed.xml"></head><body>Hi</body></html>`,
  });
});
after(() => srv.close());

forEachDialect((d) => {
  test('add by URL: the preview says what the add chain found and shows teasers; nothing is stored until confirmed', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const res = await desk.post('/desk/sources/preview', { url: `${srv.url}/` });
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.match(page, /data-found="discovered-feed"/);
      for (const t of TITLES) assert.ok(page.includes(t), `teaser "${t}" missing from the preview`);
      assert.ok(page.includes(`${srv.url}/feed.xml`));
      assert.equal((await store.sources.list()).length, 0, 'the preview stored a source');
      const confirm = await desk.post('/desk/sources/add', {
        url: `${srv.url}/feed.xml`,
        kind: 'feed',
        title: 'Fixture Wire',
        siteUrl: '',
        settings: '{}',
        extractMode: 'off',
      });
      assert.equal(confirm.status, 303);
      const [s] = await store.sources.list();
      assert.equal(s?.url, `${srv.url}/feed.xml`);
      assert.equal(s?.extractMode, 'off');
      assert.equal(confirm.headers.get('location'), `/desk/sources/${s!.id}?done=added`);
      assert.equal(desk.audits[0]?.action, 'source.add');
      assert.equal(desk.audits[0]?.actorName, 'Edith Editor');
    } finally {
      await desk.stop();
    }
  });

  test('a sitemap given by its address previews as what it is: plain without news tags, news with them', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      // The desk told the two apart by the add chain's reason text, which only its last resort
      // worded so: a plain sitemap given by its own address was announced as a news sitemap.
      const plain = await (await desk.post('/desk/sources/preview', { url: `${srv.url}/plain-sitemap.xml` })).text();
      assert.match(plain, /data-found="sitemap"/);
      const news = await (await desk.post('/desk/sources/preview', { url: `${srv.url}/news-sitemap.xml` })).text();
      assert.match(news, /data-found="news-sitemap"/);
    } finally {
      await desk.stop();
    }
  });

  test('a private feed: the preview uses the headers given with it, the confirmation stores them, no page shows them', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const res = await desk.post('/desk/sources/preview', { url: `${srv.url}/private.xml`, headers: `Authorization: ${SECRET}` });
      const page = await res.text();
      assert.equal(res.status, 200);
      assert.match(page, /data-found="feed"/);
      assert.ok(page.includes('Private item one'), 'the preview did not read the private feed');
      assert.ok(!page.includes('very-secret-token'), 'the preview page carries the secret');
      const pending = /name="pending" value="([^"]+)"/.exec(page)?.[1];
      assert.ok(pending, 'no pending token on the confirmation form');
      const confirm = await desk.post('/desk/sources/add', {
        url: `${srv.url}/private.xml`,
        kind: 'feed',
        title: '',
        siteUrl: '',
        settings: '{}',
        pending,
      });
      assert.equal(confirm.status, 303);
      const [s] = await store.sources.list();
      assert.equal((await store.desk.sourceSettings(s!.id))?.headers.Authorization, SECRET);
      assert.ok(!JSON.stringify(desk.audits).includes('very-secret-token'), 'the audit log holds the secret');
      // A token is good for one confirmation only.
      await store.sources.remove(s!.id);
      await desk.post('/desk/sources/add', {
        url: `${srv.url}/private.xml`,
        kind: 'feed',
        title: '',
        siteUrl: '',
        settings: '{}',
        pending,
      });
      const [again] = await store.sources.list();
      assert.equal(await store.desk.sourceSettings(again!.id), undefined);
    } finally {
      await desk.stop();
    }
  });

  test('a POST without the CSRF token, or with another, is refused and changes nothing', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const fields = { url: 'https://a.example/feed', kind: 'feed', title: 'x', siteUrl: '', settings: '{}' };
      assert.equal((await desk.post('/desk/sources/add', fields, { csrf: null })).status, 403);
      assert.equal((await desk.post('/desk/sources/add', fields, { csrf: `${CSRF.slice(0, -1)}x` })).status, 403);
      assert.equal((await desk.post('/desk/topics/save', { source: '- id: a\n  name: A\n', action: 'save' }, { csrf: null })).status, 403);
      assert.equal((await store.sources.list()).length, 0);
      assert.equal(desk.audits.length, 0);
    } finally {
      await desk.stop();
    }
  });

  test('settings are saved; private header values are never rendered, yet fetch now sends them', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { source } = await store.sources.add({ url: `${srv.url}/private.xml`, title: 'Private' });
      const res = await desk.post(`/desk/sources/${source.id}/settings`, {
        interval: '45',
        extractMode: 'always',
        sel_item: 'article.teaser',
        headers: `Authorization: ${SECRET}`,
      });
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.ok(!page.includes('very-secret-token'), 'the header value was rendered');
      assert.match(page, /Headers set: Authorization/);
      const s = await store.sources.get(source.id);
      assert.equal(s?.intervalSeconds, 45 * 60);
      assert.equal(s?.extractMode, 'always');
      assert.deepEqual(s?.settings.selectors, { item: 'article.teaser' });
      assert.equal((await store.desk.sourceSettings(source.id))?.headers.Authorization, SECRET);
      assert.ok(!JSON.stringify(desk.audits).includes('very-secret-token'), 'the audit log holds the secret');
      // Saving again without headers keeps them.
      await desk.post(`/desk/sources/${source.id}/settings`, { interval: '45', extractMode: 'always' });
      assert.equal((await store.desk.sourceSettings(source.id))?.headers.Authorization, SECRET);
      const again = await (await desk.request(`/desk/sources/${source.id}`)).text();
      assert.ok(!again.includes('very-secret-token'));
      const body = await fetchNow(desk, source.id);
      assert.match(body, /Fetched in \d+ ms: 1 new, 0 updated, 0 unchanged\./);
      assert.equal(await store.entries.count({ sourceId: source.id }), 1);
      assert.equal(typeof (await store.desk.sourceSettings(source.id))?.lastFetchMs, 'number');
      await desk.post(`/desk/sources/${source.id}/settings`, { interval: '45', extractMode: 'always', clearHeaders: '1' });
      assert.deepEqual((await store.desk.sourceSettings(source.id))?.headers, {});
    } finally {
      await desk.stop();
    }
  });

  test('a refused settings save shows what was typed again, never the header values, and stores nothing', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { source } = await store.sources.add({ url: `${srv.url}/private.xml`, title: 'Private' });
      const res = await desk.post(`/desk/sources/${source.id}/settings`, {
        interval: '90',
        extractMode: 'always',
        sel_item: 'li.story',
        headers: `Authorization ${SECRET}`,
      });
      assert.equal(res.status, 400);
      const page = await res.text();
      assert.match(page, /Line 1 is not/);
      assert.match(page, /id="s-interval"[^>]*value="90"/);
      assert.match(page, /<option value="always" selected>/);
      assert.match(page, /id="sel-item"[^>]*value="li\.story"/);
      assert.ok(!page.includes('very-secret-token'), 'the header value was rendered');
      const s = await store.sources.get(source.id);
      assert.notEqual(s?.intervalSeconds, 90 * 60);
      assert.equal(s?.settings.selectors, undefined);
    } finally {
      await desk.stop();
    }
  });

  test('scheduled checks send the private headers too, and keep the duration of the check', async () => {
    const store = await d.open();
    const config = deskConfig();
    const { source } = await store.sources.add({ url: `${srv.url}/private.xml` });
    await store.desk.setSourceSettings(source.id, { headers: { Authorization: SECRET } });
    const fetcher = loopbackFetcher();
    try {
      const log = createLogger('silent');
      const readers = withDeskSettings(defaultReaders(), store, config, log);
      const policy = { defaultIntervalSeconds: 1800, minIntervalSeconds: 300, maxIntervalSeconds: 86400, maxBackoffSeconds: 3600 };
      const r = await refreshSource(source, { store, fetcher, policy, log, readers });
      assert.equal(r.outcome.kind, 'fetched', JSON.stringify(r.outcome));
      assert.equal(r.inserted.length, 1);
      assert.equal(typeof (await store.desk.sourceSettings(source.id))?.lastFetchMs, 'number');
      // The shared fetcher alone is refused by the private feed: the headers made the difference.
      const bare = await refreshSource((await store.sources.get(source.id))!, { store, fetcher, policy, log });
      assert.equal(bare.outcome.kind, 'failed');
    } finally {
      await fetcher.close();
    }
  });

  test('a private address is fetched only for a source allowed one (by an administrator)', async () => {
    const store = await d.open();
    const desk = await mountDesk(store, { config: deskConfig({ allowHosts: [] }), viewer: ADMIN });
    try {
      const { source } = await store.sources.add({ url: `${srv.url}/feed.xml` });
      const refused = await fetchNow(desk, source.id);
      assert.match(refused, /The fetch failed/);
      await desk.post(`/desk/sources/${source.id}/settings`, { interval: '30', extractMode: 'off', allowPrivate: '1' });
      const ok = await fetchNow(desk, source.id);
      assert.match(ok, /Fetched in/);
      assert.equal(await store.entries.count({ sourceId: source.id }), TITLES.length);
    } finally {
      await desk.stop();
    }
  });

  test('an editor cannot let a source reach a private address: not in the preview, not in its settings (night probe)', async () => {
    const store = await d.open();
    const desk = await mountDesk(store, { config: deskConfig({ allowHosts: [] }) });
    try {
      // The add form has no checkbox for an editor, and a forged field is ignored by the preview.
      assert.doesNotMatch(await (await desk.request('/desk/sources')).text(), /name="allowPrivate"/);
      const preview = await (await desk.post('/desk/sources/preview', { url: `${srv.url}/feed.xml`, allowPrivate: '1' })).text();
      assert.match(preview, /refused to connect to 127\.0\.0\.1/);
      assert.ok(!TITLES.some((t) => preview.includes(t)), 'the preview read a loopback feed for an editor');
      // The settings page shows the permission but an editor's save neither grants nor removes it.
      const { source } = await store.sources.add({ url: `${srv.url}/feed.xml` });
      const page = await (await desk.request(`/desk/sources/${source.id}`)).text();
      assert.match(page, /name="allowPrivate" value="1" disabled>/);
      await desk.post(`/desk/sources/${source.id}/settings`, { interval: '30', extractMode: 'off', allowPrivate: '1' });
      assert.equal((await store.desk.sourceSettings(source.id))?.allowPrivate ?? false, false);
      assert.match(await fetchNow(desk, source.id), /The fetch failed/);
      assert.equal(await store.entries.count({ sourceId: source.id }), 0);
      await store.desk.setSourceSettings(source.id, { allowPrivate: true });
      await desk.post(`/desk/sources/${source.id}/settings`, { interval: '30', extractMode: 'off' });
      assert.equal((await store.desk.sourceSettings(source.id))?.allowPrivate, true, "an administrator's grant survives an editor's save");
    } finally {
      await desk.stop();
    }
  });

  test('health filters: failing, slow, stale and never fetched each list their sources only', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const now = Date.now();
      const add = async (name: string) => (await store.sources.add({ url: `https://${name}.example/feed`, title: name })).source.id;
      const failing = await add('failing');
      const slow = await add('slow');
      const stale = await add('stale');
      const never = await add('never');
      const fine = await add('fine');
      await store.sources.update(failing, {
        status: 'failing',
        errorCount: 3,
        lastError: 'HTTP 503 from failing.example',
        lastCheckedAt: now,
        lastSuccessAt: now - 3600_000,
      });
      await store.sources.update(slow, { status: 'ok', lastCheckedAt: now, lastSuccessAt: now });
      await store.desk.setSourceSettings(slow, { lastFetchMs: 9000 });
      await store.sources.update(stale, { status: 'ok', lastCheckedAt: now, lastSuccessAt: now - 10 * 86_400_000 });
      await store.sources.update(fine, { status: 'ok', lastCheckedAt: now, lastSuccessAt: now });
      const ids = async (filter: string): Promise<number[]> => {
        const page = await (await desk.request(`/desk/sources?filter=${filter}`)).text();
        return [...page.matchAll(/data-source="(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
      };
      assert.deepEqual(await ids('failing'), [failing]);
      assert.deepEqual(await ids('slow'), [slow]);
      assert.deepEqual(await ids('stale'), [stale]);
      assert.deepEqual(await ids('never'), [never]);
      assert.deepEqual(
        await ids('all'),
        [failing, slow, stale, never, fine].sort((a, b) => a - b),
      );
      assert.match(await (await desk.request('/desk/sources?filter=failing')).text(), /HTTP 503 from failing\.example/);
    } finally {
      await desk.stop();
    }
  });

  test('OPML round trip: an upload is imported as a job with progress, and the export lists every source', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    // The import is a stored job: the desk only queues it, a process that runs jobs does it.
    const jobs = opmlJobs(store, 'desk-test');
    try {
      await store.sources.add({ url: 'https://existing.example/feed', title: 'Existing' });
      const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="World"><outline type="rss" text="Alpha" xmlUrl="https://alpha.example/rss"/><outline type="rss" text="Beta" xmlUrl="https://beta.example/atom"/></outline>
<outline type="rss" text="Existing" xmlUrl="https://existing.example/feed"/></body></opml>`;
      const res = await uploadOpml(desk, opml);
      assert.equal(res.status, 303);
      const jobUrl = res.headers.get('location') ?? '';
      assert.match(jobUrl, /^\/desk\/sources\/jobs\/\d+$/);
      const waiting = await (await desk.request(jobUrl)).text();
      assert.match(waiting, /data-finished="no"/);
      assert.match(waiting, /Waiting for a process that runs background jobs/);
      jobs.start();
      const page = await finishedJobPage(desk, jobUrl);
      assert.match(page, /3 of 3 done: 2 added, 1 already subscribed, 0 failed/);
      const exported = await desk.request('/desk/sources/export.opml');
      assert.match(exported.headers.get('content-type') ?? '', /opml/);
      const back = readOpml(await exported.text());
      assert.deepEqual(back.feeds.map((f) => f.url).sort(), [
        'https://alpha.example/rss',
        'https://beta.example/atom',
        'https://existing.example/feed',
      ]);
      assert.deepEqual(back.feeds.find((f) => f.url === 'https://alpha.example/rss')?.categories, ['World']);
      assert.equal((await desk.request('/desk/sources/jobs/999999')).status, 404);
      assert.equal((await desk.request('/desk/sources/jobs/not-a-number')).status, 404);
    } finally {
      await jobs.stop(1000);
      await desk.stop();
    }
  });

  test('OPML upload: outlines that are not http(s) are refused, each with its reason, and the rest imported', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    const jobs = opmlJobs(store, 'desk-test-refused');
    try {
      const opml = `<?xml version="1.0"?><opml version="2.0"><body>
<outline type="rss" text="Passwords" xmlUrl="file:///etc/passwd"/>
<outline type="rss" text="Old" xmlUrl="ftp://files.example/feed.xml"/>
<outline type="rss" text="Script" xmlUrl="javascript:alert(1)"/>
<outline type="rss" text="Good" xmlUrl="https://good.example/rss"/></body></opml>`;
      const res = await uploadOpml(desk, opml);
      assert.equal(res.status, 303);
      const jobUrl = res.headers.get('location') ?? '';
      jobs.start();
      const page = await finishedJobPage(desk, jobUrl);
      assert.match(page, /1 of 1 done: 1 added, 0 already subscribed, 3 failed/);
      assert.match(page, /file:\/\/\/etc\/passwd[\s\S]*?a file: address; only http and https feeds are subscribed/);
      assert.match(page, /ftp:\/\/files\.example\/feed\.xml[\s\S]*?a ftp: address/);
      assert.deepEqual(
        (await store.sources.list()).map((s) => s.url),
        ['https://good.example/rss'],
      );
      // A file with nothing but refused outlines says why at once.
      const refused = await (await uploadOpml(desk, '<opml><body><outline xmlUrl="file:///etc/shadow"/></body></opml>')).text();
      assert.match(
        refused,
        /no feeds that can be subscribed: file:\/\/\/etc\/shadow \(a file: address; only http and https feeds are subscribed\)/,
      );
    } finally {
      await jobs.stop(1000);
      await desk.stop();
    }
  });

  test('a feed address with a password in it is shown, exported and audited without the password', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    const password = 'feed-pass-71e0c9a4-desk';
    try {
      const url = `https://reader:${password}@private.example/feed.xml`;
      const id = (await store.sources.add({ url, kind: 'feed' })).source.id;
      await store.sources.update(id, { status: 'failing', errorCount: 1, lastError: `HTTP 401 from ${url}` });
      for (const path of ['/desk/sources', `/desk/sources/${id}`, '/desk/sources?filter=failing', '/desk/sources/export.opml']) {
        const res = await desk.request(path);
        assert.equal(res.status, 200, path);
        const body = await res.text();
        assert.ok(!body.includes(password), `${path} shows the feed password`);
        assert.ok(body.includes('private.example/feed.xml'), `${path} shows the address`);
      }
      // Adding one through the desk (an editor typed it) writes the address to the audit log without the password.
      const added = await desk.post('/desk/sources/add', { url: 'https://reader:other-pass-5521@second.example/feed.xml', kind: 'feed' });
      assert.equal(added.status, 303);
      assert.ok(desk.audits.length > 0 && !JSON.stringify(desk.audits).includes('other-pass-5521'), 'the audit log holds no password');
    } finally {
      await desk.stop();
    }
  });
});

test('an OPML upload over the size limit is refused with 413', async () => {
  const { SqliteStore } = await import('../../src/store/sqlite/index.js');
  const store = await SqliteStore.open({ path: ':memory:' });
  const desk = await mountDesk(store, { config: deskConfig({ maxRequestBodyBytes: 8 << 20 }) });
  try {
    const form = new FormData();
    form.set('_csrf', CSRF);
    form.set('opml', new File(['<opml>' + ' '.repeat((1 << 20) + 10) + '</opml>'], 'big.opml'));
    const res = await desk.request('/desk/sources/opml', { method: 'POST', body: form });
    assert.equal(res.status, 413);
    assert.equal((await store.sources.list()).length, 0);
  } finally {
    await desk.stop();
    await store.close();
  }
});

test("a source's private headers go to its own origin only, not to hosts its documents name", async () => {
  // A sitemap index, a listing's next page or an article link can point anywhere: the
  // publisher chooses those hosts, so they must not receive the private feed's credentials.
  const { deskFetcher } = await import('../../src/server/desk-fetcher.js');
  const elsewhere = await startFixtureServer({ '/child.xml': { body: '<urlset/>' } });
  const f = deskFetcher(deskConfig(), `${srv.url}/private.xml`, { headers: { Authorization: SECRET } });
  try {
    assert.equal((await f.fetch(`${srv.url}/private.xml`)).status, 200, 'the own origin gets the headers');
    await f.fetch(`${elsewhere.url}/child.xml`);
    assert.deepEqual(
      elsewhere.requests.map((q) => q.headers.authorization),
      [undefined],
    );
  } finally {
    await f.close();
    await elsewhere.close();
  }
});
