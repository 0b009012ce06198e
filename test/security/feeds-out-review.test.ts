// Hostile review of the feeds out (r-publish, 2026-12-07; docs/security.md). Real stored data,
// served over real HTTP on 127.0.0.1, on both dialects: every RSS and Atom answer parsed by saxes
// (a strict XML 1.0 parser: any well-formedness error, forbidden character or namespace error
// throws), every JSON Feed by JSON.parse with each string checked; our own ingest parser reads the
// feeds back (a seeded property test); dates no format can write; edits, hides and conditional GET.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { looksLikeHtml } from '../../src/ingest/parse/adapter/text-construct.js';
import { parseFeed } from '../../src/ingest/parse/index.js';
import type { ParsedEntry } from '../../src/ingest/parse/types.js';
import type { NewEntry } from '../../src/domain/entry.js';
import { xmlChars } from '../../src/text/xml-escape.js';
import { startSite } from '../auth/helpers.js';
import { forEachDialect } from '../helpers/dialects.js';
import { pick, rng } from '../helpers/seeded-random.js';
import { entry } from '../web/helpers.js';

const EDITOR = { id: null, name: 'review editor' };
const HOUR = 3_600_000;
const FORMATS = ['rss', 'atom', 'json'] as const;
const TYPES = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' };
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
/** Every character XML 1.0 forbids that a JS string can hold, lone surrogates, CDATA's end, markup and entity-like text. */
const HOSTILE =
  'A\u0001\u0008\u000b\u000c\u000e\u001f\ufffe\uffff \ud800 \udc00 ]]> <![CDATA[ & < > " \' &amp; &nbsp; &#0; \u202e RLO \u2067 isolate';
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Parses with saxes; the first error is thrown. Returns the text of every element named `name`. */
function strictXml(xml: string, ...names: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>(names.map((n) => [n, []]));
  const p = new SaxesParser({ xmlns: true });
  let open: string | undefined;
  let text = '';
  p.on('error', (e) => {
    throw e;
  });
  p.on('opentag', (t) => {
    if (out.has(t.name)) {
      open = t.name;
      text = '';
    }
  });
  p.on('text', (t) => {
    if (open) text += t;
  });
  p.on('closetag', (t) => {
    if (t.name === open) {
      out.get(open)!.push(text);
      open = undefined;
    }
  });
  p.write(xml).close();
  return out;
}

/** Every string in a parsed JSON value, keys included. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      strings(x, out);
    }
  return out;
}

async function fetchFeed(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

function ours(body: string, format: (typeof FORMATS)[number]) {
  return parseFeed({ bytes: new TextEncoder().encode(body), url: 'http://127.0.0.1/feed', headers: { 'content-type': TYPES[format] } });
}

forEachDialect((d) => {
  describe(`feeds out under hostile stored data (r-publish, ${d.name})`, () => {
    it('every feed of every page parses strictly, carries no javascript: link, and JSON Feed no lone surrogate or control', async () => {
      const store = await d.open();
      const site = await startSite({}, store);
      try {
        const now = await store.clock.now();
        const src = (await store.sources.add({ url: 'https://wire.example/feed.xml?a=1&b=2', title: `Source ${HOSTILE}` })).source.id;
        // What an older version stored of the feed: a script "id" and link.
        await store.sources.setFeedMeta(src, { id: 'javascript:alert(1)', link: 'JaVaScRiPt:alert(2)', title: 'x' });
        const long = `${'Long ]]> & < '.repeat(2_000)}end`;
        const saved = (
          await store.entries.saveBatch(src, [
            entry('h1', `Hostile ${HOSTILE}`, `Excerpt ${HOSTILE}`, now - HOUR, {
              author: `Author ${HOSTILE}`,
              categories: [`Cat ${HOSTILE}`],
              url: 'https://news.example/a?x=1&y=%3C]]%3E',
            }),
            entry('h2', 'Scripted link hostile', 'A stored script link.', now - 2 * HOUR, { url: 'javascript:alert(1)' }),
            entry('h3', long, long, now - 3 * HOUR),
          ])
        ).inserted;
        await store.topics.saveDefinition({
          id: 'hostile',
          definition: { id: 'hostile', name: `Topic ${HOSTILE}`, description: `About ${HOSTILE}`, entities: [{ name: 'hostile' }] },
        });
        for (const e of saved)
          await store.topics.setEntryTopics(e.id, e.publishedAt, [
            { topicId: 'hostile', matches: [{ field: 'title', start: 0, end: 7, text: 'Hostile', alias: 'hostile' }] },
          ]);
        await store.stories.assign(saved.map((e) => ({ entryId: e.id, storyKey: 'hostile-story' })));
        const story = (await store.entries.get(saved[0]!.id))!.storyId!;
        await store.curation.update({ kind: 'entry', id: saved[2]!.id }, { headline: `Edited ${HOSTILE}` }, EDITOR, 'entry.edit');

        const pages = ['', `/sources/${src}`, '/topics/hostile', `/stories/${story}`];
        const urls = [
          ...pages.flatMap((p) => FORMATS.map((f) => [`${p}/feed.${f}`, f] as const)),
          ...FORMATS.map((f) => [`/search/feed.${f}?q=hostile`, f] as const),
        ];
        for (const [path, format] of urls) {
          const res = await fetchFeed(`${site.url}${path}`);
          assert.equal(res.status, 200, path);
          assert.equal(res.headers.get('content-type'), `${TYPES[format]}; charset=utf-8`, path);
          assert.doesNotMatch(res.body, /javascript:/i, path);
          if (format === 'json') {
            const all = strings(JSON.parse(res.body));
            assert.ok(all.length > 20, path);
            for (const s of all) {
              assert.doesNotMatch(s, LONE, `${path}: a lone surrogate in ${JSON.stringify(s.slice(0, 60))}`);
              assert.doesNotMatch(s, NOT_XML_CHAR, `${path}: a control in ${JSON.stringify(s.slice(0, 60))}`);
            }
          } else {
            assert.doesNotThrow(() => strictXml(res.body), path);
            assert.ok(!res.body.includes('<![CDATA['), path);
          }
          const parsed = ours(res.body, format);
          assert.equal(parsed.bozo, false, `${path}: ${parsed.bozoReason}`);
          assert.ok(parsed.entries.length >= 1, path);
          for (const e of parsed.entries) assert.ok(e.link?.startsWith(`${site.url}/entries/`), `${path}: ${e.link}`);
        }
        // The stored hostile texts come back as text: forbidden characters dropped, lone surrogates as U+FFFD.
        // The stored texts come back as text: forbidden characters dropped, lone surrogates as U+FFFD.
        const def = (await store.topics.getDefinition('hostile'))!.definition as { name: string };
        const h1 = await store.entries.get(saved[0]!.id);
        const h3 = await store.entries.get(saved[2]!.id);
        const edited = (await store.curation.overrides([h3!.id])).entries.get(h3!.id)!.headline!;
        for (const f of ['atom', 'json'] as const) {
          const topic = ours((await fetchFeed(`${site.url}/topics/hostile/feed.${f}`)).body, f);
          const title = topic.feed.title ?? '';
          assert.ok(title.startsWith(shown(def.name)) && title.endsWith(' · Newsdesk'), title);
          assert.ok(topic.entries.some((e) => e.categories?.some((c) => c.term === shown(h1!.categories[0]!))));
          const source = ours((await fetchFeed(`${site.url}/sources/${src}/feed.${f}`)).body, f);
          const titles = source.entries.map((e) => e.title);
          assert.ok(titles.includes(shown(edited)), JSON.stringify(titles));
          assert.ok(titles.includes(shown(h1!.title)), JSON.stringify(titles));
        }
      } finally {
        await site.close();
      }
    });

    it('writes only dates its format can state: before 1970 as stored, past year 9999 or a JS Date left out, never a 500', async () => {
      const store = await d.open();
      const site = await startSite({}, store);
      try {
        const now = await store.clock.now();
        const src = (await store.sources.add({ url: 'https://dates.example/feed.xml', title: 'Dates' })).source.id;
        const old = Date.UTC(1901, 0, 2, 3, 4, 5);
        const year12000 = Date.UTC(12000, 0, 1);
        await store.entries.saveBatch(src, [
          entry('d1', 'Old date', 'Early.', old),
          entry('d2', 'Far future date', 'Later.', year12000, { updatedAt: year12000 }),
          entry('d3', 'Past a JS date', 'Beyond.', 9e15, { updatedAt: 9e15 }),
          entry('d4', 'Ordinary date', 'Now.', now - HOUR),
        ]);
        for (const p of ['', `/sources/${src}`]) {
          const rss = await fetchFeed(`${site.url}${p}/feed.rss`);
          assert.equal(rss.status, 200, `${p}/feed.rss`);
          const r = strictXml(rss.body, 'pubDate', 'lastBuildDate');
          for (const s of [...r.get('pubDate')!, ...r.get('lastBuildDate')!]) assert.match(s, RFC822);
          assert.equal(r.get('pubDate')!.length, 2, 'the two writable dates only');
          assert.ok(r.get('pubDate')!.includes('Wed, 02 Jan 1901 03:04:05 +0000'));
          const atom = await fetchFeed(`${site.url}${p}/feed.atom`);
          assert.equal(atom.status, 200);
          const a = strictXml(atom.body, 'published', 'updated');
          for (const s of [...a.get('published')!, ...a.get('updated')!]) assert.match(s, RFC3339);
          assert.ok(a.get('published')!.includes('1901-01-02T03:04:05Z'));
          const json = await fetchFeed(`${site.url}${p}/feed.json`);
          assert.equal(json.status, 200);
          const items = (JSON.parse(json.body) as { items: { title: string; date_published?: string; date_modified?: string }[] }).items;
          for (const it of items) for (const s of [it.date_published, it.date_modified]) if (s !== undefined) assert.match(s, RFC3339);
          assert.equal(items.find((i) => i.title === 'Far future date')?.date_published, undefined);
          // Last-Modified is an HTTP date (RFC 9110 IMF-fixdate).
          for (const res of [rss, atom, json])
            assert.match(res.headers.get('last-modified') ?? '', /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
        }
      } finally {
        await site.close();
      }
    });

    it('an edited headline or a hidden article is news to If-Modified-Since; ids stay; hidden articles and their copies never appear', async () => {
      const store = await d.open();
      const site = await startSite({}, store);
      try {
        const now = await store.clock.now();
        const a = (await store.sources.add({ url: 'https://alpha.example/feed.xml', title: 'Alpha' })).source.id;
        const b = (await store.sources.add({ url: 'https://bravo.example/feed.xml', title: 'Bravo' })).source.id;
        const [first, second] = (
          await store.entries.saveBatch(a, [
            entry('e1', 'First headline', 'One.', now - HOUR),
            entry('e2', 'Second headline', 'Two.', now - 2 * HOUR),
          ])
        ).inserted;
        const [copy] = (await store.entries.saveBatch(b, [entry('e3', 'A copy of the second', 'Two.', now - 3 * HOUR)])).inserted;
        await store.stories.assign([
          { entryId: second!.id, storyKey: 'two' },
          { entryId: copy!.id, storyKey: 'copy', duplicateOf: second!.id },
        ]);
        for (const f of FORMATS) {
          const path = `${site.url}/feed.${f}`;
          const before = await fetchFeed(path);
          const lm = before.headers.get('last-modified')!;
          const idsBefore = ours(before.body, f).entries.map((e) => [e.id, e.link]);
          const copyLink = `${site.url}/entries/${copy!.id}`;
          assert.deepEqual(
            ours((await fetchFeed(`${site.url}/sources/${b}/feed.${f}`)).body, f).entries.map((e) => e.link),
            [copyLink],
            `${f}: the copy is listed while its original is shown`,
          );
          assert.equal((await fetchFeed(path, { 'if-none-match': before.headers.get('etag')! })).status, 304, 'unchanged: 304');
          assert.equal((await fetchFeed(path, { 'if-modified-since': lm })).status, 304, 'unchanged: 304');

          // An editor's headline, written later than anything in the feed (the store's clock, ahead).
          const editAt = (await store.clock.now()) + 5_000 + FORMATS.indexOf(f) * 20_000;
          await store.curation.update({ kind: 'entry', id: first!.id }, { headline: `Edited for ${f}` }, EDITOR, 'entry.edit', editAt);
          const edited = await fetchFeed(path, { 'if-modified-since': lm });
          assert.equal(edited.status, 200, `${f}: an edit is a change`);
          const parsed = ours(edited.body, f);
          const item = parsed.entries.find((e) => e.title === `Edited for ${f}`);
          assert.ok(item, `${f}: the edited headline is shown`);
          assert.ok(!parsed.entries.some((e) => e.title === 'First headline'));
          assert.deepEqual(
            parsed.entries.map((e) => [e.id, e.link]),
            idsBefore,
            `${f}: ids and links do not change with a headline`,
          );
          if (f !== 'rss')
            assert.equal(Date.parse(item.updated!), Math.floor(editAt / 1000) * 1000, `${f}: the item is updated at the edit`);

          // Hiding the second article: it and its copy leave the feed, and If-Modified-Since hears of it.
          const lm2 = edited.headers.get('last-modified')!;
          await store.curation.update({ kind: 'entry', id: second!.id }, { hidden: true }, EDITOR, 'entry.hide', editAt + 10_000);
          const hidden = await fetchFeed(path, { 'if-modified-since': lm2 });
          assert.equal(hidden.status, 200, `${f}: a hide is a change`);
          const left = ours(hidden.body, f).entries.map((e) => e.link);
          const bravo = `${site.url}/sources/${b}/feed.${f}`;
          assert.deepEqual(ours((await fetchFeed(bravo)).body, f).entries, [], `${f}: the copy is gone from its own source's feed`);
          assert.deepEqual(left, [`${site.url}/entries/${first!.id}`], `${f}: neither the hidden article nor its copy`);
          // Shown again: news too, though nothing else about it is newer than the hide.
          await store.curation.update({ kind: 'entry', id: second!.id }, { hidden: false }, EDITOR, 'entry.unhide', editAt + 15_000);
          const back = await fetchFeed(path, { 'if-modified-since': hidden.headers.get('last-modified')! });
          assert.equal(back.status, 200, `${f}: an unhide is a change`);
          assert.deepEqual(
            ours(back.body, f).entries.map((e) => e.link),
            idsBefore.map(([, link]) => link),
            `${f}: what the hide took is back`,
          );
        }
      } finally {
        await site.close();
      }
    });

    it('says the language its items share (RSS items cannot say theirs), and none for a mixed feed', async () => {
      const store = await d.open();
      const site = await startSite({}, store);
      try {
        const now = await store.clock.now();
        const ar = (await store.sources.add({ url: 'https://rafidain.example/rss', title: 'الرافدين' })).source.id;
        const en = (await store.sources.add({ url: 'https://wire.example/rss', title: 'Wire' })).source.id;
        await store.entries.saveBatch(ar, [
          entry('ar1', 'خبر أول', 'نص.', now - HOUR, { lang: 'ar', dir: 'rtl' }),
          entry('ar2', 'خبر ثان', 'نص.', now - 2 * HOUR, { lang: 'ar', dir: 'rtl' }),
        ]);
        await store.entries.saveBatch(en, [entry('en1', 'English news', 'Text.', now - 3 * HOUR)]);
        const language = async (path: string, f: (typeof FORMATS)[number]) =>
          ours((await fetchFeed(`${site.url}${path}/feed.${f}`)).body, f).feed.language;
        for (const f of FORMATS) {
          assert.equal(await language(`/sources/${ar}`, f), 'ar', `${f}: one language`);
          assert.equal(await language('', f), undefined, `${f}: mixed`);
        }
        const rss = (await fetchFeed(`${site.url}/sources/${ar}/feed.rss`)).body;
        assert.match(rss, /<channel>[\s\S]*<language>ar<\/language>[\s\S]*<item>/);
      } finally {
        await site.close();
      }
    });

    it('reads back as stored with our own parser: titles, links, ids, dates and tags over 60 seeded entries, 50 per feed', async () => {
      const store = await d.open();
      const site = await startSite({ pageSize: 50 }, store);
      try {
        const r = rng(20261207);
        const words = [
          'plain',
          'AT&T',
          'a<b',
          'x>y',
          '"quoted"',
          "it's",
          ']]>',
          '&amp;',
          '&lt;tag&gt;',
          '<b>bold</b>',
          'Ünïcødé',
          'خبر',
          'خبرنامه',
          '😀🎉',
          '\u202eRLO',
          '\u2067isolate\u2069',
          '\u0007bell',
          'esc\u001b',
          'nonchar\ufffe',
          'x'.repeat(300),
          '&nbsp;',
        ];
        const tags = ['tag', 'lone \ud800 tag', 'low \udc00', 'a & b', '<c>', 'control\u0001'];
        const now = await store.clock.now();
        const src = (await store.sources.add({ url: 'https://prop.example/feed.xml', title: 'Property' })).source.id;
        const made: NewEntry[] = [];
        for (let i = 0; i < 60; i++) {
          const title = Array.from({ length: 1 + Math.floor(r() * 6) }, () => pick(r, words)).join(' ');
          const roll = r();
          // Whole seconds (every format writes seconds) from 1800 to 2100, some a year no format can write.
          const when =
            roll < 0.1
              ? Date.UTC(10_000 + Math.floor(r() * 5_000), 0, 1)
              : Math.floor((Date.UTC(1800, 0, 1) + r() * (now - Date.UTC(1800, 0, 1))) / 1000) * 1000;
          made.push(entry(`p${i}`, `${title} #${i}`, 'Body text.', when, { categories: [pick(r, tags)] }));
        }
        const saved = (await store.entries.saveBatch(src, made)).inserted;
        const headlines = new Map<number, string>();
        for (const e of saved)
          if (r() < 0.2) {
            const h = `Editor's ${pick(r, words)} ${pick(r, words)}`;
            headlines.set(e.id, h);
            await store.curation.update({ kind: 'entry', id: e.id }, { headline: h }, EDITOR, 'entry.edit');
          }
        const byLink = new Map(saved.map((e) => [`${site.url}/entries/${e.id}`, e]));
        for (const f of FORMATS) {
          const parsed = ours((await fetchFeed(`${site.url}/sources/${src}/feed.${f}`)).body, f);
          assert.equal(parsed.bozo, false, `${f}: ${parsed.bozoReason}`);
          assert.equal(parsed.entries.length, 50, `${f}: the page size bounds the feed`);
          const seen = new Set<string>();
          for (const e of parsed.entries as ParsedEntry[]) {
            const stored = byLink.get(e.link ?? '');
            assert.ok(stored, `${f}: ${e.link} is one of ours`);
            assert.equal(e.id, e.link, `${f}: the id is the permalink`);
            assert.ok(!seen.has(e.id!), `${f}: ids are unique`);
            seen.add(e.id!);
            const title = headlines.get(stored.id) ?? stored.title;
            // RSS's title has no type: our reader, as liberal readers do, reads a title that looks
            // like HTML (an entity, a known tag) as HTML. Atom (type="text") and JSON Feed say what it is.
            if (!(f === 'rss' && looksLikeHtml(title))) assert.equal(e.title, shown(title), `${f}: title of ${e.link}`);
            const writable = stored.publishedAt <= Date.UTC(9999, 11, 31, 23, 59, 59);
            if (writable) assert.equal(Date.parse(e.published ?? ''), stored.publishedAt, `${f}: date of ${e.link}`);
            else assert.equal(e.published, undefined, `${f}: no date for ${e.link} (${stored.publishedAt})`);
            assert.deepEqual(
              e.categories?.map((c) => c.term),
              stored.categories.map(shown),
              `${f}: tags of ${e.link}`,
            );
          }
        }
      } finally {
        await site.close();
      }
    });
  });
});

/** Stored text as a feed states it: forbidden characters dropped, lone surrogates as U+FFFD, white space as one space. */
function shown(s: string): string {
  return xmlChars(s).replace(/\s+/g, ' ').trim();
}
