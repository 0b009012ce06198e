// Full-text search and the teaser read model, over any dialect: the search index follows entries
// through inserts, updates, tombstones and deletes; ranking, highlights, paging and filters.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewEntry } from '../../src/domain/entry.js';
import { MARK_END, MARK_START } from '../../src/search/highlight.js';
import type { Store } from '../../src/store/store.js';
import { parseSearch } from '../../src/search/query.js';
import { highlightHits } from '../../src/search/highlight-hits.js';
import { textEntry } from '../helpers/entries.js';

const HOUR = 3_600_000;
const BASE_TIME = Date.UTC(2026, 10, 20, 12, 0, 0);

function entry(key: string, title: string, text: string, publishedAt: number, extra: Partial<NewEntry> = {}): NewEntry {
  return textEntry({ dedupeKey: key, fingerprint: `fp-${key}`, url: `https://news.example/${key}` }, title, text, publishedAt, extra);
}

async function keys(store: Store, q: string, extra: { lang?: string } = {}): Promise<string[]> {
  const page = await store.search.search({ ast: parseSearch(q).ast, limit: 50, ...extra });
  return page.hits.map((h) => h.entry.dedupeKey);
}

/** Each test gets its own fresh store from `open`, closed at its end. */
export function searchContract(name: string, open: () => Promise<Store>): void {
  describe(`Search contract: ${name}`, () => {
    test('the index follows entries through updates, full text, tombstones and source removal', async () => {
      const store = await open();
      try {
        const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
        const [first] = (await store.entries.saveBatch(src, [entry('k1', 'Camp Liberty water', 'Deliveries fell by half.', BASE_TIME)]))
          .inserted;
        assert.deepEqual(await keys(store, 'deliveries'), ['k1']);
        await store.entries.saveBatch(src, [
          entry('k1', 'Camp Liberty water restored', 'Supplies are back to normal.', BASE_TIME, { contentHtml: '<p>changed</p>' }),
        ]);
        assert.deepEqual(await keys(store, 'deliveries'), []);
        assert.deepEqual(await keys(store, 'supplies restored'), ['k1']);
        await store.entries.setFullText(first!.id, {
          fullHtml: '<p>Engineers repaired the pumping station.</p>',
          text: 'Engineers repaired the pumping station.',
          extractStatus: 'done',
        });
        assert.deepEqual(await keys(store, 'pumping'), ['k1']);
        assert.deepEqual(await keys(store, 'supplies'), []);
        await store.entries.remove(first!.id);
        assert.deepEqual(await keys(store, 'camp'), []);
        await store.entries.saveBatch(src, [entry('k2', 'Harbour berth', 'A new berth opened.', BASE_TIME)]);
        assert.deepEqual(await keys(store, 'berth'), ['k2']);
        await store.sources.remove(src);
        assert.deepEqual(await keys(store, 'berth'), []);
      } finally {
        await store.close();
      }
    });

    test('the language list follows inserts, removals, languages read from the full text and a source removal', async () => {
      const store = await open();
      try {
        const a = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
        const b = (await store.sources.add({ url: 'https://b.example/feed' })).source.id;
        const lang = (l: string | null) => ({ lang: l });
        const ea = (
          await store.entries.saveBatch(a, [
            entry('a1', 'One', 'One.', BASE_TIME, lang('en')),
            entry('a2', 'Two', 'Two.', BASE_TIME, lang('en')),
            entry('a3', 'Three', 'Three.', BASE_TIME, lang('en')),
            entry('a4', 'Four', 'Four.', BASE_TIME, lang('fr')),
            entry('a5', 'Five', 'Five.', BASE_TIME, lang('fr')),
            entry('a6', 'Six', 'Six.', BASE_TIME, lang(null)),
          ])
        ).inserted;
        assert.deepEqual(await store.search.languages(), ['en', 'fr']);
        const eb = (
          await store.entries.saveBatch(
            b,
            ['b1', 'b2', 'b3'].map((k) => entry(k, k, `${k}.`, BASE_TIME, lang('de'))),
          )
        ).inserted;
        assert.deepEqual(await store.search.languages(), ['de', 'en', 'fr']); // 3, 3, 2: ties by code
        assert.equal(await store.entries.remove(eb[0]!.id), true);
        assert.equal(await store.entries.remove(eb[0]!.id), false);
        assert.deepEqual(await store.search.languages(), ['en', 'de', 'fr']); // 3, 2, 2
        // A feed's update leaves the language; the full text's language replaces it.
        await store.entries.saveBatch(a, [entry('a4', 'Four again', 'Four, updated.', BASE_TIME, lang('fr'))]);
        await store.entries.setFullText(ea[3]!.id, { fullHtml: '<p>Vier.</p>', text: 'Vier.', extractStatus: 'done', lang: 'de' });
        assert.deepEqual(await store.search.languages(), ['de', 'en', 'fr']); // 3, 3, 1
        await store.entries.setFullText(ea[5]!.id, { fullHtml: '<p>Sei.</p>', text: 'Sei.', extractStatus: 'done', lang: 'it' });
        assert.deepEqual(await store.search.languages(), ['de', 'en', 'fr', 'it']);
        await store.entries.remove(ea[5]!.id);
        assert.deepEqual(await store.search.languages(), ['de', 'en', 'fr']);
        // The source's entries go with it, its removed one (already uncounted) among them.
        await store.sources.remove(b);
        assert.deepEqual(await store.search.languages(), ['en', 'de', 'fr']); // 3, 1, 1
        await store.sources.remove(a);
        assert.deepEqual(await store.search.languages(), []);
      } finally {
        await store.close();
      }
    });

    test('query syntax: phrases, prefixes, OR, exclusions and groups', async () => {
      const store = await open();
      try {
        const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
        await store.entries.saveBatch(src, [
          entry('s1', 'Harbour strike ends', 'Dock workers return after the strike.', BASE_TIME),
          entry('s2', 'Rail strike continues', 'Train drivers stay out.', BASE_TIME - HOUR),
          entry('s3', 'Harbour festival', 'Boats and music on the quay; no strike.', BASE_TIME - 2 * HOUR),
          entry('s4', "Strikers' demands", 'Unions list pay and hours.', BASE_TIME - 3 * HOUR),
        ]);
        assert.deepEqual((await keys(store, 'strike')).sort(), ['s1', 's2', 's3']);
        assert.deepEqual((await keys(store, 'strike*')).sort(), ['s1', 's2', 's3', 's4']);
        assert.deepEqual(await keys(store, '"strike ends"'), ['s1']);
        assert.deepEqual(await keys(store, '"ends strike"'), []);
        assert.deepEqual((await keys(store, 'harbour strike')).sort(), ['s1', 's3']);
        assert.deepEqual(await keys(store, 'harbour -festival'), ['s1']);
        assert.deepEqual((await keys(store, 'rail OR festival')).sort(), ['s2', 's3']);
        assert.deepEqual((await keys(store, 'strike (rail OR dock)')).sort(), ['s1', 's2']);
        // Characters that are operators in tsquery or FTS5 syntax are only text here.
        assert.deepEqual((await keys(store, "harbour & !strike | 'x' :*")).sort(), ['s1', 's3']);
        assert.deepEqual(await keys(store, 'zzz*'), []);
      } finally {
        await store.close();
      }
    });

    test('finds words that plain text holds in angle brackets or beside an ampersand', async () => {
      const store = await open();
      try {
        const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
        await store.entries.saveBatch(src, [
          entry('b1', 'Weather service warns of <storm> & "floods"', 'Heavy rain is expected.', BASE_TIME),
          entry('b2', 'Markup in a headline', 'The minister said a<b and c>d, then quoted </b>bold claims &amp; more.', BASE_TIME - HOUR),
        ]);
        assert.deepEqual(await keys(store, 'storm'), ['b1']);
        assert.deepEqual(await keys(store, 'floods'), ['b1']);
        assert.deepEqual((await keys(store, 'b')).sort(), ['b2']);
        assert.deepEqual(await keys(store, 'bold'), ['b2']);
        assert.deepEqual(await keys(store, 'amp'), ['b2']);
      } finally {
        await store.close();
      }
    });

    test('cuts words at punctuation as FTS5 does: file names, addresses, hyphens, versions, guillemets', async () => {
      const store = await open();
      try {
        const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
        await store.entries.saveBatch(src, [
          entry('p1', 'Mail attachment invoice.txt.exe spreads', 'Do not open it.', BASE_TIME),
          entry(
            'p2',
            'Tip line',
            'Write to press@news-desk.example.org or see https://tips.example/path/report_final.html?id=7',
            BASE_TIME - HOUR,
          ),
          entry('p3', 'Case counts', 'covid-19 cases fell; x86-64 builds of v1.2.3 ship at 3.14 GHz.', BASE_TIME - 2 * HOUR),
          entry('p4', 'Le «Monde» publie', 'Un article du mi\u20102026 sur l\u2019\u00e9t\u00e9.', BASE_TIME - 3 * HOUR),
          entry('p5', "O'Brien's C++ guide", 'snake_case and AT&T; #tagged @handle $100 50%', BASE_TIME - 4 * HOUR),
        ]);
        // A file name: each part is a word; the whole is the phrase of its parts.
        assert.deepEqual(await keys(store, 'exe'), ['p1']);
        assert.deepEqual(await keys(store, 'txt'), ['p1']);
        assert.deepEqual(await keys(store, 'txt.exe'), ['p1']);
        assert.deepEqual(await keys(store, 'invoice.txt.exe'), ['p1']);
        assert.deepEqual(await keys(store, '"invoice exe"'), []);
        assert.deepEqual(await keys(store, 'exe*'), ['p1']);
        // An e-mail address and a URL.
        for (const q of [
          'press',
          'desk',
          'example',
          'news-desk.example.org',
          'press@news-desk.example.org',
          'tips',
          'report',
          'final',
          'html',
          'id',
        ])
          assert.deepEqual(await keys(store, q), ['p2'], q);
        // Hyphenated words, numbers after a hyphen, versions and decimals.
        for (const q of ['covid', '19', 'covid-19', '64', 'x86', 'v1', '2', '3', 'v1.2.3', '14', '3.14'])
          assert.deepEqual(await keys(store, q), ['p3'], q);
        // Guillemets and a Unicode hyphen (which unaccent writes as "<<", ">>" and "-").
        for (const q of ['monde', '2026', 'mi', 'ete']) assert.deepEqual(await keys(store, q), ['p4'], q);
        for (const q of ['brien', 's', 'snake', 'case', 'at', 't', 'tagged', 'handle', '100', '50', 'c'])
          assert.deepEqual(
            (await keys(store, q)).filter((k) => k === 'p5'),
            ['p5'],
            q,
          );
      } finally {
        await store.close();
      }
    });

    test('folds case and Latin accents and keeps vowelled Arabic words whole', async () => {
      const store = await open();
      try {
        const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
        await store.entries.saveBatch(src, [
          entry('c1', 'Café opens', 'A cafe\u0301 with a view.', BASE_TIME),
          entry('c2', 'الْكِتَابُ', 'نص عربي', BASE_TIME, { lang: 'ar', dir: 'rtl' }),
          entry('c3', 'خبر', 'این خبر منتشر می‌شود', BASE_TIME, { lang: 'fa', dir: 'rtl' }),
        ]);
        assert.deepEqual(await keys(store, 'CAFE'), ['c1']);
        assert.deepEqual(await keys(store, 'café'), ['c1']);
        assert.deepEqual(await keys(store, 'الْكِتَابُ'), ['c2']);
        assert.deepEqual(await keys(store, 'اب'), []);
        assert.deepEqual(await keys(store, 'می‌شود'), ['c3']);
      } finally {
        await store.close();
      }
    });

    test('ranks title matches and recent stories higher, and marks matches', async () => {
      const store = await open();
      try {
        const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
        await store.entries.saveBatch(src, [
          entry('old', 'Ferry timetable', 'The ferry will run less often this winter.', Date.now() - 400 * 24 * HOUR),
          entry('new', 'Ferry timetable', 'The ferry will run less often this winter.', Date.now() - HOUR),
          entry('body', 'Island news', 'Islanders discussed the ferry at a meeting.', Date.now() - HOUR),
          ...Array.from({ length: 20 }, (_, i) =>
            entry(`f${i}`, `Council meeting ${i}`, 'The council met to discuss parking and schools.', Date.now() - i * HOUR),
          ),
        ]);
        const page = await store.search.search({ ast: parseSearch('ferry').ast, limit: 10 });
        assert.deepEqual(
          page.hits.map((h) => h.entry.dedupeKey),
          ['new', 'old', 'body'],
        );
        // Dialects rank; the marks are applied above them, the same for every store.
        const top = highlightHits(page.hits, parseSearch('ferry').ast)[0]!;
        assert.equal(top.titleMarked, `${MARK_START}Ferry${MARK_END} timetable`);
        assert.ok(top.snippetMarked.includes(`${MARK_START}ferry${MARK_END}`));
        assert.ok(top.score > page.hits[1]!.score);
        assert.ok(page.hits.every((h) => typeof h.score === 'number' && Number.isFinite(h.score)));
      } finally {
        await store.close();
      }
    });

    test('pages by offset and filters', async () => {
      const store = await open();
      try {
        const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
        await store.entries.saveBatch(
          src,
          Array.from({ length: 7 }, (_, i) =>
            entry(`n${i}`, `Story ${i} about ports`, 'Port news.', BASE_TIME - i * HOUR, { lang: i % 2 ? 'fr' : 'en' }),
          ),
        );
        const p1 = await store.search.search({ ast: parseSearch('ports').ast, limit: 3 });
        assert.equal(p1.hits.length, 3);
        assert.equal(p1.nextOffset, 3);
        const p3 = await store.search.search({ ast: parseSearch('ports').ast, limit: 3, offset: 6 });
        assert.equal(p3.hits.length, 1);
        assert.equal(p3.nextOffset, undefined);
        assert.equal((await keys(store, 'ports', { lang: 'fr' })).length, 3);
        const since = await store.search.search({
          ast: parseSearch('ports').ast,
          limit: 10,
          since: BASE_TIME - 2 * HOUR,
          until: BASE_TIME,
        });
        assert.deepEqual(since.hits.map((h) => h.entry.dedupeKey).sort(), ['n1', 'n2']);
        assert.deepEqual(await store.search.languages(), ['en', 'fr']);
        assert.deepEqual(await store.search.search({ ast: undefined, limit: 10 }), { hits: [] });
      } finally {
        await store.close();
      }
    });

    test('reads teaser pages exactly as entries.list pages them, without the bodies', async () => {
      const store = await open();
      try {
        const a = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
        const b = (await store.sources.add({ url: 'https://b.example/feed' })).source.id;
        const ea = (
          await store.entries.saveBatch(
            a,
            Array.from({ length: 9 }, (_, i) =>
              entry(`a${i}`, `A ${i}`, `Text of a${i}. `.repeat(50), BASE_TIME - Math.floor(i / 2) * HOUR, { lang: i % 3 ? 'en' : 'ar' }),
            ),
          )
        ).inserted;
        const eb = (
          await store.entries.saveBatch(
            b,
            Array.from({ length: 5 }, (_, i) => entry(`b${i}`, `B ${i}`, `Text of b${i}.`, BASE_TIME - i * HOUR)),
          )
        ).inserted;
        await store.topics.setEntryTopics(ea[2]!.id, ea[2]!.publishedAt, [{ topicId: 't', matches: [] }]);
        await store.topics.setEntryTopics(eb[2]!.id, eb[2]!.publishedAt, [{ topicId: 't', matches: [] }]);
        await store.entries.remove(ea[1]!.id);
        const queries = [{}, { sourceId: a }, { lang: 'ar' }, { topicId: 't' }, { since: BASE_TIME - 3 * HOUR, until: BASE_TIME }];
        for (const base of queries) {
          for (const limit of [1, 3, 50]) {
            let full = await store.entries.list({ ...base, limit });
            let lean = await store.search.teasers({ ...base, limit }, 40);
            const walk = [[full, lean] as const];
            while (full.older) {
              full = await store.entries.list({ ...base, limit, after: full.older });
              lean = await store.search.teasers({ ...base, limit, after: lean.older }, 40);
              walk.push([full, lean]);
            }
            if (full.newer)
              walk.push([
                await store.entries.list({ ...base, limit, before: full.newer }),
                await store.search.teasers({ ...base, limit, before: lean.newer }, 40),
              ]);
            for (const [f, l] of walk) {
              assert.deepEqual(
                l.items.map((e) => e.id),
                f.items.map((e) => e.id),
                JSON.stringify(base),
              );
              assert.deepEqual([l.older, l.newer], [f.older, f.newer]);
              for (const [i, e] of l.items.entries()) assert.equal(e.text, f.items[i]!.text.slice(0, 40));
            }
          }
        }
      } finally {
        await store.close();
      }
    });

    test('changes its stamp on every write', async () => {
      const store = await open();
      try {
        const a = await store.search.changeStamp();
        assert.equal(typeof a, 'string');
        await store.sources.add({ url: 'https://a.example/feed' });
        const b = await store.search.changeStamp();
        assert.notEqual(b, a);
        const src = (await store.sources.getByUrl('https://a.example/feed'))!.id;
        await store.entries.saveBatch(src, [entry('x', 'X', 'x', BASE_TIME)]);
        assert.notEqual(await store.search.changeStamp(), b);
      } finally {
        await store.close();
      }
    });
  });
}
