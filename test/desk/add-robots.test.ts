// The desk's save of an add form asks a new listing page's robots.txt, as the API and the add chain
// (`newsdesk add`, the desk's preview) ask it (p-accounts2; p-polite2 left the save unasked): a
// hand-made POST with kind=page of a page the site's robots.txt refuses stored it, and it failed
// with `robots` at its first poll. Now it is refused with the preview's sentence in the editor's
// language, nothing stored; an allowed page, a known address and a robots.txt that cannot be read
// are saved as before. Real HTTP on 127.0.0.1; both dialects. The first test fails on main.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SOURCE_CHECK_MESSAGES } from '../../src/locale/source-checks.js';
import { forEachDialect } from '../helpers/dialects.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';
import { mountDesk } from './helpers.js';

const LISTING = readFixture('listing', 'blog-articles.html');
const html = { 'content-type': 'text/html; charset=utf-8' };

/** The catalogue's sentence with its parameters filled, as the page shows it (quotes and apostrophes HTML-escaped). */
function sentence(lang: 'en' | 'ar' | 'fa', params: Record<string, string>): string {
  const text = SOURCE_CHECK_MESSAGES[lang]?.['robots.refused'] ?? SOURCE_CHECK_MESSAGES.en['robots.refused'];
  return text
    .replace(/\{(\w+)\}/g, (_m, k: string) => params[k] ?? '')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

let site: FixtureServer;
let down: FixtureServer;
before(async () => {
  const listing = (_req: unknown, res: import('node:http').ServerResponse): void => void res.writeHead(200, html).end(LISTING);
  site = await startFixtureServer({
    '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /members/\n' },
    '/members/blog/': listing,
    '/members/known/': listing,
    '/blog/': listing,
  });
  down = await startFixtureServer({ '/robots.txt': { status: 503, body: 'busy' }, '/blog/': listing });
});
after(async () => {
  await site.close();
  await down.close();
});

forEachDialect((d) => {
  test('a hand-made add of a listing page robots.txt refuses: 422 with the preview’s sentence (en, ar, fa), nothing stored', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const url = `${site.url}/members/blog/`;
      const fields = { url, kind: 'page', title: 'Members', siteUrl: '', settings: '{}', extractMode: 'short' };
      const params = { robots: `${site.url}/robots.txt`, agent: 'newsdesk', path: '/members/blog/' };
      const res = await desk.post('/desk/sources/add', fields);
      assert.equal(res.status, 422);
      const page = await res.text();
      assert.ok(page.includes('data-robots-refused'), page.slice(0, 400));
      assert.ok(page.includes(sentence('en', params)), 'the catalogue’s sentence');
      assert.deepEqual(
        (await store.sources.list()).map((s) => s.url),
        [],
      );
      assert.equal(desk.audits.length, 0);
      for (const lang of ['ar', 'fa'] as const) {
        const body = new URLSearchParams({ ...fields, _csrf: 'csrf-token-for-tests-0123456789' });
        const r = await desk.request('/desk/sources/add', {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
        });
        assert.equal(r.status, 422);
        assert.ok((await r.text()).includes(sentence(lang, params)), lang);
      }
      assert.deepEqual(
        (await store.sources.list()).map((s) => s.url),
        [],
      );
    } finally {
      await desk.stop();
    }
  });

  test('held: an allowed listing page, a known address and a robots.txt that cannot be read are saved as before', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const form = (url: string) => ({ url, kind: 'page', title: '', siteUrl: '', settings: '{}', extractMode: 'short' });
      const ok = await desk.post('/desk/sources/add', form(`${site.url}/blog/`));
      assert.equal(ok.status, 303);
      assert.match(ok.headers.get('location') ?? '', /done=added/);
      const unread = await desk.post('/desk/sources/add', form(`${down.url}/blog/`));
      assert.equal(unread.status, 303, 'a file that cannot be read refuses nothing at add time');
      // Stored before (by the CLI's --kind page of an older version, say): the add applies to it, nothing new is stored.
      const known = (await store.sources.add({ url: `${site.url}/members/known/`, kind: 'page' })).source.id;
      const again = await desk.post('/desk/sources/add', { ...form(`${site.url}/members/known/`), title: 'Known' });
      assert.equal(again.status, 303);
      assert.match(again.headers.get('location') ?? '', new RegExp(`/desk/sources/${known}\\?done=exists`));
      assert.equal((await store.sources.list()).length, 3);
    } finally {
      await desk.stop();
    }
  });
});
