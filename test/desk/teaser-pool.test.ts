// A desk preview's teasers for a sitemap or a listing source are read in the desk's pool, as its
// feed teasers and its discovery already were: the sitemap files and listing pages go to the
// parser the desk is given (ops `sitemap-file` and `listing-page`), never parsed on the thread
// that serves pages. While a big sitemap's teasers are parsed there, another desk page answers
// (the order of the events is the test, never their durations; the `timeout`s are hang guards).
// A teaser document past the parser's limits is named as discovery names its candidates:
// "sitemap: URL abandoned: …", in the editor's language.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type CandidateJob, type CandidateParser, readCandidate } from '../../src/ingest/discover/candidates.js';
import { ParseLimitError } from '../../src/ingest/parse/errors.js';
import { ParsePool } from '../../src/pipeline/parse-pool.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { newsSitemap } from '../helpers/huge-feed.js';
import { CSRF, deskConfig, mountDesk, type TestDesk } from './helpers.js';

const LISTING = `<!doctype html><html lang="en"><head><title>Harbour news</title></head><body>
<header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header><main><h1>Latest</h1>
${[
  'Ferry timetable changes',
  'Bridge repairs begin',
  'Lighthouse reopens',
  'Fish market moves',
  'Tide gauge replaced',
  'Harbour wall survey',
]
  .map(
    (t, i) =>
      `<article class="teaser"><h2><a href="/2026/12/0${i + 1}/story-${i + 1}">${t}</a></h2><p>A short summary of the story about ${t.toLowerCase()}, long enough to read as a teaser.</p><time datetime="2026-12-0${i + 1}T09:00:00Z">${i + 1} December</time></article>`,
  )
  .join('\n')}
</main><footer><p>Harbour Wire</p></footer></body></html>`;

const xml = { 'content-type': 'application/xml' };
let srv: FixtureServer;
let pool: ParsePool;
before(async () => {
  srv = await startFixtureServer({
    '/small-sitemap.xml': { headers: xml, body: newsSitemap(3) },
    '/big-sitemap.xml': { headers: xml, body: newsSitemap(100_000) },
    '/index.xml': {
      headers: xml,
      body: '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/part-new.xml</loc><lastmod>2026-12-05T08:00:00Z</lastmod></sitemap><sitemap><loc>/part-old.xml</loc><lastmod>2026-12-04T08:00:00Z</lastmod></sitemap></sitemapindex>',
    },
    '/part-new.xml': { headers: xml, body: newsSitemap(2, 10) },
    '/part-old.xml': { headers: xml, body: newsSitemap(2, 20) },
    '/news': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: LISTING },
  });
  pool = new ParsePool({ size: 1 });
});
after(async () => {
  await pool.close();
  await srv.close();
});

/** A desk over a fresh store whose candidates go to `candidates`; closed after `fn`. */
async function withPoolDesk(candidates: CandidateParser, fn: (desk: TestDesk, store: Store) => Promise<void>): Promise<void> {
  const store = await SqliteStore.open({ path: ':memory:' });
  const desk = await mountDesk(store, {
    config: deskConfig({ maxBodyBytes: 64 * 1024 * 1024, totalTimeoutMs: 60_000, discoveryTimeoutMs: 110_000 }),
    candidates,
  });
  try {
    await fn(desk, store);
  } finally {
    await desk.stop();
    await store.close();
  }
}

/** The pool, noting each job's op (and the document's address). */
function noting(seen: string[], inner: CandidateParser = pool): CandidateParser {
  return {
    read: (job, signal) => {
      seen.push(`${job.op} ${job.doc.url.replace(srv.url, '')}`);
      return inner.read(job, signal);
    },
  };
}

const preview = (desk: TestDesk, url: string, kind: string, lang = 'en'): Promise<Response> =>
  desk.request('/desk/sources/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
    body: new URLSearchParams({ url, kind, _csrf: CSRF }),
  });

test('a sitemap source’s teasers are parsed in the desk’s pool', { timeout: 60_000 }, async () => {
  const seen: string[] = [];
  await withPoolDesk(noting(seen), async (desk) => {
    const res = await preview(desk, `${srv.url}/small-sitemap.xml`, 'sitemap');
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.match(text, /Ferry story 0/);
    assert.ok(seen.includes('sitemap-file /small-sitemap.xml'), `the teasers' sitemap was not read in the pool: ${seen.join(', ')}`);
  });
});

test('a listing source’s teasers are found in the desk’s pool', { timeout: 60_000 }, async () => {
  const seen: string[] = [];
  await withPoolDesk(noting(seen), async (desk) => {
    const res = await preview(desk, `${srv.url}/news`, 'page');
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.match(text, /Bridge repairs begin/);
    assert.ok(seen.includes('listing-page /news'), `the teasers' page was not read in the pool: ${seen.join(', ')}`);
  });
});

test('the desk answers another page while a big sitemap’s teasers are parsed', { timeout: 180_000 }, async () => {
  const events: string[] = [];
  let teaserStarted!: () => void;
  const started = new Promise<void>((r) => {
    teaserStarted = r;
  });
  const candidates: CandidateParser = {
    read: (job, signal) => {
      const p = pool.read(job, signal);
      if ((job.op as string) === 'sitemap-file') {
        events.push('teaser-parse-start');
        teaserStarted();
        p.then(
          () => events.push('teaser-parse-end'),
          () => events.push('teaser-parse-end'),
        );
      }
      return p;
    },
  };
  await withPoolDesk(candidates, async (desk) => {
    let server: RunningServer | undefined;
    try {
      server = await listen(desk.app, { host: '127.0.0.1', port: 0 });
      const answer = fetch(`${server.url}/desk/sources/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
        body: new URLSearchParams({ url: `${srv.url}/big-sitemap.xml`, kind: 'sitemap', _csrf: CSRF }),
      }).then(async (r) => ({ status: r.status, text: await r.text() }));
      const first = await Promise.race([started.then(() => 'started'), answer.then((a) => `answered ${a.status}`)]);
      assert.equal(first, 'started', 'the preview answered without reading its teasers through the desk’s parser');

      const other = await fetch(`${server.url}/desk/sources`);
      const otherText = await other.text();
      events.push('page-answered');
      assert.equal(other.status, 200);
      assert.match(otherText, /<form method="post" action="\/desk\/sources\/preview">/);

      const a = await answer;
      assert.deepEqual(events, ['teaser-parse-start', 'page-answered', 'teaser-parse-end'], 'the other page waited for the parse');
      assert.equal(a.status, 200);
      assert.match(a.text, /Ferry story 0/);
    } finally {
      await server?.close(1000);
    }
  });
});

/** Reads inline, but gives up on the documents `refuse` names as the pool's limits would. */
function refusing(refuse: (job: CandidateJob) => boolean): CandidateParser {
  return {
    read: async (job) => {
      if (refuse(job)) throw new ParseLimitError(`parsing the ${job.op} took longer than 5 ms; document abandoned`);
      return readCandidate(job);
    },
  };
}

test('a teaser document past the parser’s limits is named abandoned, in the editor’s language', { timeout: 60_000 }, async () => {
  const big = refusing((j) => (j.op as string) === 'sitemap-file');
  await withPoolDesk(big, async (desk) => {
    const en = await (await preview(desk, `${srv.url}/small-sitemap.xml`, 'sitemap')).text();
    assert.ok(
      en.includes(
        `Its stories could not be read now: sitemap: ${srv.url}/small-sitemap.xml abandoned: parsing the sitemap-file took longer than 5 ms; document abandoned`,
      ),
      en,
    );
    const ar = await (await preview(desk, `${srv.url}/small-sitemap.xml`, 'sitemap', 'ar')).text();
    assert.ok(ar.includes(`خريطة الموقع: تُركت قراءة ${srv.url}/small-sitemap.xml`), 'the abandoned sitemap is not named in Arabic');
  });
  const page = refusing((j) => (j.op as string) === 'listing-page');
  await withPoolDesk(page, async (desk) => {
    const fa = await (await preview(desk, `${srv.url}/news`, 'page', 'fa')).text();
    assert.ok(fa.includes(`صفحه: خواندن ${srv.url}/news رها شد`), 'the abandoned page is not named in Persian');
  });
});

test('a child sitemap past the limits is named beside the teasers the others gave', { timeout: 60_000 }, async () => {
  const child = refusing((j) => (j.op as string) === 'sitemap-file' && j.doc.url.endsWith('/part-new.xml'));
  await withPoolDesk(child, async (desk) => {
    const res = await preview(desk, `${srv.url}/index.xml`, 'sitemap');
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.match(text, /Ferry story 20/, 'the other child’s teasers are shown');
    assert.ok(
      text.includes(`<p role="status" data-abandoned>sitemap: ${srv.url}/part-new.xml abandoned: parsing the sitemap-file took longer`),
      text,
    );
  });
});
