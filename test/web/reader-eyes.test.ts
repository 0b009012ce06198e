// What a reader of the Arabic or Persian interface saw wrong on the demo (u-eyes, 2026-12-07),
// checked on the rendered pages: search operators turned round by the bidi algorithm, "+" glued to
// a count written as a label ("+المصادر: 4"), Persian counts as labels («مطلب‌ها: ۳ از منابع: ۲»),
// the coverage chart's sentence and table in ISO dates and Latin digits, untagged English stories
// taking the page's language, and the audit filters' labels wrapping away from their controls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Viewer } from '../../src/auth/viewer.js';
import { SITE_MESSAGES } from '../../src/web/messages/site.js';
import { coverageChart } from '../../src/web/coverage-chart.js';
import { uiFor } from '../../src/web/ui.js';
import { asViewer, editor } from '../helpers/as-viewer.js';
import { BASE_TIME, entry, HOUR, makeApp, populatedStore } from './helpers.js';

const LRI = '\u2066';
const PDI = '\u2069';

async function page(
  app: { request(path: string, init?: RequestInit): Response | Promise<Response> },
  path: string,
  lang: string,
): Promise<string> {
  const res = await app.request(path, { headers: { 'accept-language': lang } });
  assert.equal(res.status, 200, path);
  return res.text();
}

test('in Arabic and Persian, search operators written in Latin letters are isolated left-to-right', async () => {
  // A bare "word*" or "-word" in a right-to-left line is laid out as "*word" / "word-": the
  // operator on the wrong side of the word the reader is told to type.
  // A line may also break after a bare "-": a word joiner (U+2060) keeps the operator whole.
  const operator = /-\u2060?[A-Za-z]+\*?|[A-Za-z]+\*/g;
  for (const lang of ['ar', 'fa'] as const) {
    for (const [key, text] of Object.entries(SITE_MESSAGES[lang])) {
      for (const m of (text ?? '').matchAll(operator)) {
        const before = text!.slice(0, m.index);
        const after = text!.slice(m.index! + m[0].length);
        // Only operators standing next to right-to-left text matter; "a-b" inside Latin is a word.
        if (/[A-Za-z]$/.test(before)) continue;
        assert.ok(before.endsWith(LRI) && after.startsWith(PDI), `${lang} ${key}: "${m[0]}" is not isolated in: ${text}`);
        if (m[0].startsWith('-')) assert.ok(m[0].startsWith('-\u2060'), `${lang} ${key}: a line may break inside "${m[0]}"`);
      }
    }
  }
  const { store } = await populatedStore();
  const app = makeApp(store);
  const fa = await page(app, '/search?q=zzzz', 'fa');
  const help = /<p class="note" id="search-help">([^<]*)<\/p>/.exec(fa)?.[1] ?? '';
  assert.ok(help.includes(`${LRI}word*${PDI}`) && help.includes(`${LRI}-\u2060word${PDI}`), help);
  assert.ok(fa.includes(`${LRI}mojahed*${PDI}`), 'the no-match hint too');
});

test('the "+N sources" fold and the story counts read as sentences in Arabic and Persian', async () => {
  const { store, ids } = await populatedStore();
  const more = (await store.sources.add({ url: 'https://more.example/rss', title: 'More News' })).source.id;
  const extra = (
    await store.entries.saveBatch(more, [
      entry('m1', 'Appeal heard over Ashraf farmland', 'Judges heard the farmers on Tuesday.', BASE_TIME - 3 * HOUR),
    ])
  ).inserted;
  const all = (await store.entries.list({ limit: 50 })).items;
  const court = all.find((e) => e.title.startsWith('Court hears appeal'))!;
  const arabic = all.find((e) => e.sourceId === ids.arabic)!;
  const persian = all.find((e) => e.sourceId === ids.persian)!;
  const key = String(court.id);
  await store.stories.assign([court, arabic, persian, extra[0]!].map((e) => ({ entryId: e.id, storyKey: key })));
  const app = makeApp(store);
  const fold = (html: string): string => /<details class="story-coverage"[^>]*><summary>([^<]*)/.exec(html)?.[1] ?? '';
  assert.equal(fold(await page(app, '/', 'en')), '+3 sources · ');
  assert.equal(fold(await page(app, '/', 'ar')), 'مصادر أخرى: 3 · ');
  assert.equal(fold(await page(app, '/', 'fa')), '۳ منبع دیگر · ');
  const storyId = (await store.entries.get(court.id))!.storyId!;
  const fa = await page(app, `/stories/${storyId}`, 'fa');
  assert.match(fa, /<p class="meta" lang="fa" dir="rtl">۴ مطلب از ۴ منبع به زبان‌های /);
  const ar = await page(app, `/stories/${storyId}`, 'ar');
  assert.match(ar, /<p class="meta" lang="ar" dir="rtl">المقالات: 4 والمصادر: 4 باللغات: /);
  const related = await page(app, `/entries/${court.id}`, 'fa');
  assert.match(related, /همهٔ پوشش: ۴ مطلب از ۴ منبع/);
  assert.match(await page(app, `/entries/${court.id}`, 'ar'), /كل التغطية \(المقالات: 4، المصادر: 4\)/);
});

test('the coverage chart writes its days and counts as the interface writes dates and numbers', () => {
  const days = Array.from({ length: 30 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, count: i === 20 ? 12 : i % 7 }));
  for (const lang of ['ar', 'fa'] as const) {
    const chart = String(coverageChart(days, { id: 'c', topicName: 'Dams', ui: uiFor(lang) }));
    const caption = /<figcaption>([\s\S]*?)<\/figcaption>/.exec(chart)?.[1] ?? '';
    assert.doesNotMatch(caption, /\d{4}-\d\d-\d\d/, `${lang}: ${caption}`);
    assert.doesNotMatch(chart, /<td>2026-/, `${lang}: the table's days`);
    assert.doesNotMatch(chart, /<title>2026-/, `${lang}: the bars' titles`);
  }
  const fa = String(coverageChart(days, { id: 'c', topicName: 'Dams', ui: uiFor('fa') }));
  // The table's counts in Persian digits, like the sentence above it.
  assert.match(fa, /<td>۱۲<\/td>/);
  assert.doesNotMatch(fa, /<td>\d+<\/td>/);
  assert.match(fa, /<figcaption>[^<]*آبان ۱۴۰۵/);
  const ar = String(coverageChart(days, { id: 'c', topicName: 'Dams', ui: uiFor('ar') }));
  assert.match(ar, /<text class="label" x="0" y="10">الحد الأقصى 12 في اليوم<\/text>/);
});

test('a story whose source named no language is marked unknown, not the page’s language', async () => {
  const { store, ids } = await populatedStore();
  // A feed without <language> (the demo's Harbour Town Courier): its stories are stored untagged.
  const courier = (await store.sources.add({ url: 'https://courier.example/rss', title: 'Harbour Town Courier' })).source.id;
  const [untagged] = (
    await store.entries.saveBatch(courier, [
      entry('c1', 'School wins national robotics prize', 'Pupils won first prize.', BASE_TIME - HOUR / 2, { lang: null, dir: 'ltr' }),
    ])
  ).inserted;
  assert.equal((await store.entries.get(untagged!.id))!.lang, null);
  const app = makeApp(store);
  const ar = await page(app, '/', 'ar');
  const teaser = new RegExp(`<article class="teaser" lang="" dir="ltr" aria-labelledby="t${untagged!.id}">[\\s\\S]*?</article>`).exec(
    ar,
  )?.[0];
  assert.ok(teaser, 'the untagged English teaser says lang=""');
  // The date the interface writes inside it is in the interface's language.
  assert.match(teaser, /<bdi lang="ar"><time /);
  assert.match(await page(app, `/entries/${untagged!.id}`, 'fa'), /<article class="entry" lang="" dir="ltr"/);
  // A tagged story keeps its own language, and a date inside it on a page of that language has no mark.
  const arabic = (await store.entries.list({ limit: 50 })).items.find((e) => e.sourceId === ids.arabic)!;
  assert.match(ar, new RegExp(`<article class="teaser" lang="ar" dir="rtl" aria-labelledby="t${arabic.id}">\\s*<h2[^]*?<bdi><time `));
});

test('each audit filter sits inside its label, so a narrow screen never wraps a label away from its control', async () => {
  const { store } = await populatedStore();
  await store.curation.record({
    actorId: null,
    actorName: 'set-up link',
    action: 'user.add',
    target: 'user:1',
    before: null,
    after: { name: 'x' },
  });
  let viewer: Viewer | undefined = editor({ role: 'admin' });
  const app = asViewer(makeApp(store), store, () => viewer);
  const desk = await page(app, '/desk/audit', 'en');
  viewer = undefined;
  const form = /<form class="filters" method="get" action="\/desk\/audit"[\s\S]*?<\/form>/.exec(desk)?.[0] ?? '';
  const controls = [...form.matchAll(/<(select|input)\b[^>]*\bid="(audit-[a-z]+)"/g)].map((m) => m[2]!);
  assert.deepEqual(controls, ['audit-actor', 'audit-action', 'audit-target', 'audit-from', 'audit-to']);
  for (const id of controls) {
    assert.match(form, new RegExp(`<label>[^<]+ <(select|input)\\b[^>]*id="${id}"[^>]*>(?:[\\s\\S]*?</select>)?</label>`), id);
  }
});
