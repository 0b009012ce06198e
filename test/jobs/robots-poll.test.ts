// A scheduled listing source is a crawler's work: its listing page and the articles it reads in full
// are asked of the site's robots.txt first (as serve and worker build the scheduler: one HostGate
// for checks and article reads, the article fetcher made polite). A listing the file disallows is
// never requested and its source fails with the catalogued "robots" reason; an article it disallows
// is not requested, the others are. Real HTTP on 127.0.0.1, both store dialects.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { publicExtractFailure } from '../../src/domain/extract-failure.js';
import { HostGate, politeFetcher } from '../../src/jobs/politeness.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { createExtractStep } from '../../src/pipeline/steps/extract-full-text.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';
import { silentLog, testConfig } from '../ingest/harness.js';

const LISTING = readFixture('listing', 'blog-articles.html');
const ARTICLE = readFixture('listing', 'article-page.html');
const html = { 'content-type': 'text/html; charset=utf-8' };
/** The blocked article of the listing (its path), and the file that blocks it and the members' pages. */
const BLOCKED = '/2024/03/12/spring-tide-floods-the-lower-quay/';
const ROBOTS = `User-agent: Googlebot\nDisallow:\n\nUser-agent: *\nDisallow: /members/\nDisallow: ${BLOCKED}\nAllow: /\n`;

forEachDialect((d) => {
  describe(`robots.txt in scheduled checks (${d.name})`, () => {
    let srv: FixtureServer;
    before(async () => {
      srv = await startFixtureServer(
        { '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: ROBOTS } },
        {
          fallback: (req, res) => {
            const path = (req.url ?? '/').split('?')[0]!;
            if (path === '/blog/' || path === '/members/blog/') return void res.writeHead(200, html).end(LISTING);
            if (path.startsWith('/2024/') && path.split('/').length > 5) return void res.writeHead(200, html).end(ARTICLE);
            res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          },
        },
      );
    });
    after(async () => {
      await srv.close();
    });

    /** One poll of `store` by a scheduler built as the background builds it. */
    async function poll(store: Store): Promise<void> {
      const config = testConfig(join(mkdtempSync(join(tmpdir(), 'newsdesk-robots-')), 'unused.db'), { maxArticleFetchesPerCheck: 20 });
      const gate = new HostGate({ store, perHost: config.perHostConcurrency, log: silentLog });
      const extract = createExtractStep(config, { politeness: (f) => politeFetcher(f, gate) });
      const scheduler = new Scheduler({ store, config, log: silentLog, steps: [extract], gate });
      try {
        await scheduler.pollOnce();
      } finally {
        await scheduler.close();
        await extract.close();
      }
    }

    test('a listing page the file disallows is not requested; the source fails with the robots reason', { timeout: 60_000 }, async () => {
      const store = await d.open();
      const { source } = await store.sources.add({ url: `${srv.url}/members/blog/`, kind: 'page' }, await store.clock.now());
      srv.requests.length = 0;
      await poll(store);
      assert.equal(srv.hits('/members/blog/'), 0, 'the disallowed listing was requested');
      const after = await store.sources.get(source.id);
      assert.equal(after?.lastErrorKey, 'robots');
      assert.match(after?.lastError ?? '', /robots\.txt does not allow "newsdesk" to read \/members\/blog\//);
      assert.equal(after?.status, 'failing', 'a refusal is not retried as a passing fault');
      assert.equal((await store.entries.list({ limit: 10 })).items.length, 0);
    });

    test('an article the file disallows is not read in full; the others are', { timeout: 60_000 }, async () => {
      const store = await d.open();
      await store.sources.add({ url: `${srv.url}/blog/`, kind: 'page', extractMode: 'always' }, await store.clock.now());
      srv.requests.length = 0;
      await poll(store);
      assert.equal(srv.hits('/blog/'), 1);
      assert.equal(srv.hits(BLOCKED), 0, 'the disallowed article was requested');
      const articles = srv.requests.filter((r) => r.path.startsWith('/2024/') && r.path.split('/').length > 5);
      const entries = (await store.entries.list({ limit: 50 })).items;
      assert.ok(entries.length >= 3, `${entries.length} teasers stored`);
      assert.equal(articles.length, entries.length - 1, 'every allowed article was read');
      assert.equal(srv.hits('/robots.txt'), 2, 'once by the check, once by the article reader');
      const blocked = entries.find((e) => e.url === `${srv.url}${BLOCKED}`);
      assert.equal(blocked?.extractStatus, 'failed');
      // The reader is told why: the site's robots.txt, not "its page could not be fetched".
      assert.equal(blocked?.extractError, 'robots');
      assert.match(publicExtractFailure(blocked!)?.text ?? '', /robots\.txt does not allow Newsdesk/);
      // The others were read (the fixture's page holds no article by the extractor's measure: either is a read).
      for (const e of entries) if (e !== blocked) assert.notEqual(e.extractStatus, 'failed', e.url ?? '');
    });
  });
});
