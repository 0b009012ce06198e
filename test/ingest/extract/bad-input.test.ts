// Pages that are hard by their shape rather than their bytes (issue 11, "Bad input"): a body that
// is one huge table, a page that is 95% comments, a page with two articles, a right-to-left page
// quoting left-to-right text, a page that is only an image and its caption. Each test states the
// result Newsdesk gives for that shape; src/ingest/extract/README.md lists the same results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { prose } from './helpers.js';

const URL_ = 'https://paper.example/news/2025/page';

const CHROME = `<header class="masthead"><a href="/">The Paper</a><nav><ul>${['World', 'Politics', 'Sport', 'Culture', 'Weather']
  .map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`)
  .join('')}</ul></nav></header>`;
const FOOTER = '<footer><p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · © The Paper</p></footer>';

function page(title: string, body: string, htmlAttrs = 'lang="en"'): Buffer {
  return Buffer.from(
    `<!DOCTYPE html><html ${htmlAttrs}><head><meta charset="utf-8"><title>${title}</title></head><body>${CHROME}${body}${FOOTER}</body></html>`,
  );
}

test('a body that is one huge table: the table is the article, its rows come back as lines', () => {
  const rows: string[] = [];
  for (let i = 1; i <= 4000; i++)
    rows.push(`<tr><td>Station ${i}</td><td>${(i * 37) % 1000} mm</td><td>${i % 24}:00</td><td>gauge ${i}</td></tr>`);
  const r = extractArticle({
    bytes: page(
      'Rainfall by station',
      `<main><h1>Rainfall by station</h1><table><thead><tr><th>Station</th><th>Rain</th><th>Time</th><th>Note</th></tr></thead><tbody>${rows.join('')}</tbody></table></main>`,
    ),
    url: URL_,
  });
  const text = r.text ?? '';
  // 16,000 cells are more elements than the scoring passes take within the time budget: the
  // one-pass finder, counting each row as a paragraph, picks the table's rows, and says so.
  assert.ok(
    r.warnings.some((w) => w.includes('one-pass')),
    r.warnings.join('; '),
  );
  const lines = text.split('\n\n');
  assert.equal(lines[0], 'Station 1 37 mm 1:00 gauge 1', text.slice(0, 200));
  // Every row is one paragraph, its cells in order on one line.
  assert.ok(lines.includes('Station 17 629 mm 17:00 gauge 17'));
  assert.equal(lines.filter((l) => l.startsWith('Station ')).length, 4000);
  assert.ok(!text.includes('Privacy'));
});

test('a page that is 95% comments: the post is the article, the thread is left out', () => {
  const comments: string[] = [];
  for (let i = 1; i <= 150; i++) {
    comments.push(
      `<li class="comment" id="comment-${1000 + i}"><p class="comment-author">Reader ${i} said:</p><p>Comment number ${i} agrees with some of this and disagrees with the rest, at length, as comment threads do, with more words than the post had.</p></li>`,
    );
  }
  const post =
    '<p>The old lighthouse on the point was lit again on Saturday night, after eleven years dark, by volunteers who restored its lamp.</p><p>The keeper’s cottage will open as a small museum in the spring.</p>';
  const r = extractArticle({
    bytes: page(
      'Lighthouse lit again',
      `<div class="content"><article class="post"><h1>Lighthouse lit again</h1>${post}</article><div id="comments" class="comments-area"><h2>150 comments</h2><ol class="commentlist">${comments.join('')}</ol></div></div>`,
    ),
    url: URL_,
  });
  const text = r.text ?? '';
  assert.ok(text.includes('The old lighthouse on the point was lit again'), text.slice(0, 300));
  assert.ok(text.includes('open as a small museum in the spring'));
  assert.ok(!text.includes('Comment number'), 'no comment text');
  assert.ok(!text.includes('Reader 1 said'));
});

test('a page with two articles: the one under the page headline is the article, the next story is not', () => {
  const first = `<article class="story"><h1>Harbour bridge reopens to traffic after two years of repairs</h1>${prose('Bridge', 6)}</article>`;
  const second = `<article class="story next-story"><h2>Next: Market hall to close for winter</h2>${prose('Market', 5)}</article>`;
  const r = extractArticle({
    bytes: page('Harbour bridge reopens to traffic after two years of repairs | The Paper', `<main>${first}${second}</main>`),
    url: URL_,
  });
  const text = r.text ?? '';
  assert.equal(r.title, 'Harbour bridge reopens to traffic after two years of repairs');
  assert.ok(text.includes('Bridge paragraph 1 says'), text.slice(0, 200));
  assert.ok(text.includes('Bridge paragraph 6 says'));
  assert.ok(!text.includes('Market paragraph'), 'the second story is not part of the first');
});

test('a right-to-left page with left-to-right quotes: direction rtl, quotes kept inline in reading order', () => {
  const fa =
    'وزیر اقتصاد روز سه‌شنبه گفت که بودجه سال آینده برای ساخت مدرسه‌ها و بیمارستان‌های تازه افزایش می‌یابد و گزارش کامل آن هفته آینده منتشر می‌شود.';
  const body = `<article><h1>بودجه تازه برای مدرسه‌ها</h1>
<p>${fa}</p>
<p>او در پاسخ به خبرنگاران گفت: <q dir="ltr" lang="en">"We will publish every figure"</q> و افزود که ارقام را حسابرسان مستقل بررسی کرده‌اند و نتیجه در پایگاه داده عمومی قرار می‌گیرد.</p>
<blockquote dir="ltr" lang="en"><p>The budget is balanced for the first time in a decade, the ministry said in its English statement to the press.</p></blockquote>
<p>${fa}</p></article>`;
  const r = extractArticle({ bytes: page('بودجه تازه برای مدرسه‌ها', body, 'lang="fa" dir="rtl"'), url: URL_ });
  const text = r.text ?? '';
  assert.equal(r.dir, 'rtl');
  assert.equal(r.lang, 'fa');
  // The English quote stays inside its Persian sentence, in logical (reading) order.
  assert.match(text, /گفت: "We will publish every figure" و افزود/);
  assert.ok(text.includes('The budget is balanced for the first time in a decade'));
  assert.ok(text.includes('وزیر اقتصاد روز سه‌شنبه'), text.slice(0, 80));
  // The direction marks of the markup are metadata: no bidi control characters are added to the text.
  assert.ok(!/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text));
});

test('a page with only an image and a caption: the caption is the text, the image the lead image and the html', () => {
  const body = `<main><article><h1>Northern lights over the harbour</h1><figure><img src="/img/aurora.jpg" width="1600" height="900" alt="Green light over boats"><figcaption>The aurora over the harbour at 2 a.m. on Friday. Photo: K. Berg</figcaption></figure></article></main>`;
  const r = extractArticle({ bytes: page('Northern lights over the harbour', body), url: URL_ });
  assert.equal(r.title, 'Northern lights over the harbour');
  assert.equal(r.leadImage, 'https://paper.example/img/aurora.jpg');
  assert.ok((r.text ?? '').includes('The aurora over the harbour at 2 a.m. on Friday.'), String(r.text));
  assert.ok(!(r.text ?? '').includes('Privacy'));
  assert.match(r.html ?? '', /<img[^>]+src="https:\/\/paper\.example\/img\/aurora\.jpg"/);
  // Too little prose to be sure it is an article: not readerable, so "Read more" can link out.
  assert.equal(r.readerable, false);
});
