import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { extractArticle, MAX_DEPTH, MAX_HTML_CHARS } from '../../../src/ingest/extract/index.js';
import { fixture } from './helpers.js';

const URL_ = 'https://courier.example/news/2024/ferry-link?utm_source=feed';

test('a news article: content, metadata and plain text', () => {
  const r = extractArticle({ bytes: fixture('article.html'), url: URL_ });
  assert.equal(r.title, 'Harbour council approves new ferry link');
  assert.equal(r.byline, 'Mara Lindqvist');
  assert.equal(r.published, '2024-03-05T09:30:00+01:00');
  assert.equal(r.lang, 'en-GB');
  assert.equal(r.siteName, 'The Coastal Courier');
  assert.equal(r.excerpt, 'The council voted 7–2 to fund a ferry between the two harbours.');
  assert.equal(r.leadImage, 'https://courier.example/img/ferry.jpg');
  assert.equal(r.canonicalUrl, 'https://courier.example/news/2024/ferry-link');
  assert.equal(r.readerable, true);
  assert.equal(r.charset, 'utf-8');
  const text = r.text ?? '';
  assert.ok(text.includes('The harbour council voted on Tuesday evening'), text.slice(0, 80));
  assert.ok(!text.includes('Harbour council approves new ferry link'), 'the headline is metadata, not body text');
  assert.ok(text.includes('Objections from fishermen'));
  assert.ok(text.includes('The planned route crosses the bay in twelve minutes.'));
  assert.ok(text.includes('following spring, if the regional transport authority approves the grant application.'));
  // Boilerplate stays out.
  for (const chrome of ['Weather', 'Coast road closed again', 'Privacy', 'not content', 'display: block']) {
    assert.ok(!text.includes(chrome), `text should not contain ${chrome}`);
  }
  // Paragraphs are separated by exactly one blank line and none are glued together.
  const paras = text.split('\n\n');
  assert.ok(paras.length >= 7, `paragraphs: ${paras.length}`);
  assert.ok(paras.every((p) => p.trim() === p && p.length > 0));
  assert.ok(!/twelve minutes\.Supporters/.test(text));
  assert.ok(r.html && r.html.length > 0);
});

test('relative URLs resolve against <base href> when the page has one', () => {
  const html = `<html><head><base href="https://cdn.example/site/"><meta property="og:image" content="lead.jpg"></head>
    <body><article><p>${'A sentence of the article body, long enough to count as prose. '.repeat(12)}</p></article></body></html>`;
  const r = extractArticle({ bytes: html, url: 'https://www.example/post' });
  assert.equal(r.leadImage, 'https://cdn.example/site/lead.jpg');
});

test('the document title loses its site name after a typographic dash', () => {
  const html = `<html><head><title>Lorem ipsum dolor sit amet – My website</title></head>
    <body><article><p>${'Body text of the article goes on and on, with commas, clauses and more. '.repeat(10)}</p></article></body></html>`;
  assert.equal(extractArticle({ bytes: html }).title, 'Lorem ipsum dolor sit amet');
  const short = html.replace('Lorem ipsum dolor sit amet', 'Short one');
  assert.equal(extractArticle({ bytes: short }).title, 'Short one – My website');
});

test('a paywall stub gives its teaser, a warning, and is not readerable', () => {
  const r = extractArticle({ bytes: fixture('paywall.html'), url: 'https://ledger.example/a/1' });
  assert.equal(r.title, 'Inside the quiet collapse of the regional bus network');
  assert.equal(r.byline, 'Sam Okafor');
  assert.equal(r.published, '2024-06-01');
  assert.equal(r.readerable, false);
  assert.ok(
    r.warnings.some((w) => w.includes('paywall')),
    r.warnings.join('; '),
  );
  assert.ok((r.text ?? '').includes('routes that ran for fifty years'));
});

test('a page that is not an article is not readerable and does not throw', () => {
  const r = extractArticle({ bytes: fixture('not-article.html'), url: 'https://mail.example/login' });
  assert.equal(r.readerable, false);
  assert.equal(r.title, 'Sign in – Example Mail');
  assert.ok((r.text ?? '').length < 200, 'whatever text it has is short');
});

test('a meta refresh page reports where it points and is not readerable', () => {
  const r = extractArticle({ bytes: fixture('meta-refresh.html'), url: 'https://courier.example/old' });
  assert.equal(r.refreshUrl, 'https://courier.example/news/2024/moved-story');
  assert.equal(r.readerable, false);
});

test('invalid HTML is repaired by the parser and its text kept', () => {
  const r = extractArticle({ bytes: fixture('invalid.html') });
  const text = r.text ?? '';
  assert.equal(r.title, 'Broken markup still has a story');
  assert.ok(text.includes('never closed a paragraph'));
  assert.ok(text.includes('a reader should still see this sentence'));
  assert.ok(text.includes('Bold and italic overlap here.'));
});

test('windows-1256 bytes declared as utf-8 extract as Arabic text, and the reverse', () => {
  const para =
    'أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية، وقال الوزير إن البرنامج سيبدأ في الربيع المقبل بعد موافقة البرلمان.';
  const html = (decl: string): string =>
    `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="${decl}"><title>خطة جديدة لدعم المزارعين في الريف</title></head>` +
    `<body><article><h1>خطة جديدة</h1><p>${para}</p><p>${para}</p><p>${para}</p></article></body></html>`;
  const misdeclaredLegacy = extractArticle({ bytes: iconv.encode(html('utf-8'), 'windows-1256') });
  assert.equal(misdeclaredLegacy.charset, 'windows-1256');
  assert.ok((misdeclaredLegacy.text ?? '').includes(para));
  assert.equal(misdeclaredLegacy.title, 'خطة جديدة لدعم المزارعين في الريف');
  assert.equal(misdeclaredLegacy.dir, 'rtl');
  assert.ok(misdeclaredLegacy.warnings.some((w) => w.includes('windows-1256')));

  const misdeclaredUtf8 = extractArticle({ bytes: Buffer.from(html('windows-1256'), 'utf8') });
  assert.equal(misdeclaredUtf8.charset, 'utf-8');
  assert.ok((misdeclaredUtf8.text ?? '').includes(para));
});

test('a DOM nested 10,000 levels deep is flattened, not a stack overflow', () => {
  const deep = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(10_000)}<p>The text at the bottom of the well.</p>${'</div>'.repeat(10_000)}</body></html>`;
  const r = extractArticle({ bytes: deep });
  assert.ok((r.text ?? '').includes('The text at the bottom of the well.'));
  assert.ok(r.warnings.some((w) => w.includes(`deeper than ${MAX_DEPTH}`)));
});

test('a 20 MB page is cut to a bounded size and still yields its article', () => {
  const para = '<p>Paragraph of the long report, with enough words and commas, in sentences that go on, to read as prose.</p>\n';
  const head = '<!DOCTYPE html><html lang="en"><head><title>A very long report</title></head><body><article><h1>A very long report</h1>';
  const filler = para.repeat(Math.ceil((20 * 1024 * 1024) / para.length));
  const bytes = Buffer.from(`${head}${filler}</article></body></html>`);
  assert.ok(bytes.length >= 20 * 1024 * 1024);
  const r = extractArticle({ bytes });
  assert.equal(r.title, 'A very long report');
  assert.ok(
    r.warnings.some((w) => w.includes(`first ${MAX_HTML_CHARS} characters`)),
    r.warnings.join('; '),
  );
  const text = r.text ?? '';
  assert.ok(text.length > 100_000, `text length ${text.length}`);
  assert.ok(text.length < MAX_HTML_CHARS);
});

test('a zero time budget still returns a result, from the one-pass finder', () => {
  const r = extractArticle({ bytes: fixture('article.html') }, { timeBudgetMs: 0 });
  assert.ok(
    r.warnings.some((w) => w.includes('one-pass')),
    r.warnings.join('; '),
  );
  assert.ok((r.text ?? '').includes('The harbour council voted on Tuesday evening'));
});

test('empty and binary input give an empty result, not an exception', () => {
  const empty = extractArticle({ bytes: new Uint8Array(0) });
  assert.equal(empty.text, null);
  assert.equal(empty.readerable, false);
  const noise = new Uint8Array(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 256;
  const r = extractArticle({ bytes: noise });
  assert.equal(r.readerable, false);
});

test('pages without <html>, <head> or <body> tags, or with content after </body>, extract fully', () => {
  const prose = 'A paragraph of the story, with words and commas, long enough to read as an article body. '.repeat(4);
  const bare = `<title>Bare page title here</title><meta name="author" content="Kim Doe"><p>${prose}</p><p>${prose}</p>`;
  const r = extractArticle({ bytes: bare });
  assert.equal(r.title, 'Bare page title here');
  assert.equal(r.byline, 'Kim Doe');
  assert.ok((r.text ?? '').includes('A paragraph of the story'));

  const after = `<html><head><title>After the body ends</title></head><body><article><p>${prose}</p></article></body><p>Late paragraph after the body, ${prose}</p></html>`;
  const r2 = extractArticle({ bytes: after });
  assert.ok((r2.text ?? '').includes('Late paragraph after the body'));
});

test('a Chinese article of ordinary length is readerable; a Chinese link list is not', () => {
  const sentence = '市政府周二宣布，将在两座港口之间开通新的渡轮航线，预计明年春季开始运营，居民对此反应不一。';
  const paras = Array.from({ length: 6 }, () => `<p>${sentence}${sentence}</p>`).join('');
  const article = `<html lang="zh-CN"><head><title>新渡轮航线获批</title></head><body><div class="main"><h1>新渡轮航线获批</h1>${paras}</div></body></html>`;
  assert.equal(extractArticle({ bytes: article }).readerable, true);
  const links = Array.from({ length: 30 }, (_, i) => `<li><a href="/n/${i}">新闻标题 ${i}</a></li>`).join('');
  const portal = `<html lang="zh-CN"><head><title>新闻首页</title></head><body><ul>${links}</ul></body></html>`;
  assert.equal(extractArticle({ bytes: portal }).readerable, false);
});
