// A short story that declares itself one is readerable (short-story.ts): Readability's quick test
// wants paragraphs of more than 140 characters whose excess adds up, which a news brief of two or
// three short paragraphs never has (docs/desk.md, analyst journey of 2026-12-06, finding 11).
// Pages that declare a story falsely stay not readerable: a listing that sets og:type=article on
// every page (cards as <article>s or as <div>s), one <article> that is a list of links, a consent
// wall, a story the publisher marks as not free to read. The text taken is the same either way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { readDeclarations, shortStoryTrace, type ShortStoryVerdict } from '../../../src/ingest/extract/short-story.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import {
  consentWall,
  EN_PARAGRAPHS,
  enBrief,
  FA_PARAGRAPHS,
  faStory,
  linkListArticle,
  listingWithOgArticle,
  paywalledBrief,
} from '../../helpers/short-story-pages.js';

const FA_URL = 'https://news.example/fa/2026/12/agadez-clinic';

/** The extraction and the verdict the short-story rule gave (null when it was not asked). */
function read(html: string, url?: string): { readerable: boolean; text: string; verdict: ShortStoryVerdict | null } {
  let verdict: ShortStoryVerdict | null = null;
  shortStoryTrace.on = (v) => {
    verdict = v;
  };
  try {
    const r = extractArticle({ bytes: html, url });
    return { readerable: r.readerable, text: r.text ?? '', verdict };
  } finally {
    shortStoryTrace.on = null;
  }
}

test('a Persian story of three short paragraphs is readerable with its own story object or as the page’s one <article>; declaring nothing, not', () => {
  const bare = read(faStory(FA_URL, 'none'), FA_URL);
  // Readability's test alone, which it fails.
  assert.equal(bare.readerable, false);
  assert.equal(bare.verdict, null, 'no declaration, the rule is not asked');
  for (const via of ['ld', 'article'] as const) {
    const r = read(faStory(FA_URL, via), FA_URL);
    assert.equal(r.verdict, 'story', via);
    assert.equal(r.readerable, true, via);
    for (const p of FA_PARAGRAPHS) assert.ok(r.text.includes(p), `${via}: ${p}`);
    assert.ok(!r.text.includes('پربیننده‌ها'), `${via}: the rail stays out`);
    assert.equal(r.text, bare.text, `${via}: the text is the same either way`);
  }
});

test('an English brief of two paragraphs is readerable when it says og:type=article; declaring nothing, not', () => {
  const r = read(enBrief('og'));
  assert.equal(r.readerable, true);
  assert.equal(r.verdict, 'story');
  for (const p of EN_PARAGRAPHS) assert.ok(r.text.includes(p), p);
  const bare = read(enBrief('none'));
  assert.equal(bare.readerable, false, 'declaring nothing');
  assert.equal(bare.text, r.text);
});

test('one empty <article> carrying microdata beside og:type=article does not stand in for the body', () => {
  const html = enBrief('og').replace(
    '<main>',
    '<article itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="headline" content="Hosepipe ban lifted"></article><main>',
  );
  const r = read(html);
  assert.equal(r.verdict, 'story');
  assert.equal(r.readerable, true);
});

test('a listing that sets og:type=article on every page stays not readerable, cards as <article>s or as <div>s', () => {
  const articles = read(listingWithOgArticle('article'));
  assert.equal(articles.readerable, false);
  assert.ok(articles.verdict === 'not-in-article' || articles.verdict === 'items', String(articles.verdict));
  const divs = read(listingWithOgArticle('div'));
  assert.equal(divs.readerable, false);
  assert.equal(divs.verdict, 'items', 'one headline link for every paragraph');
});

test('one <article> that is a list of links, a consent wall and a paywalled brief stay not readerable', () => {
  // As a list, the extractor keeps the introduction alone; as paragraphs, each line is a link.
  const list = read(linkListArticle('list'));
  assert.equal(list.readerable, false);
  assert.equal(list.verdict, 'few-paragraphs');
  const lines = read(linkListArticle('paragraphs'));
  assert.equal(lines.readerable, false);
  assert.equal(lines.verdict, 'links');
  const wall = read(consentWall());
  assert.equal(wall.readerable, false);
  assert.equal(wall.verdict, 'cookies');
  const paid = read(paywalledBrief());
  assert.equal(paid.readerable, false);
  assert.equal(paid.verdict, null, 'a page not free to read declares nothing');
});

test('readDeclarations: the story object, og:type article, exactly one <article>', () => {
  const doc = (h: string) => parseDocument(`<html><head>${h}</head><body></body></html>`);
  const metas = (d: ReturnType<typeof doc>) => Array.from(d.getElementsByTagName('meta'));
  const none = doc('');
  assert.equal(readDeclarations(none, [], false, false), null);
  assert.deepEqual(readDeclarations(none, [], true, false), { ownStory: true, ogArticle: false, articles: [] });
  assert.equal(readDeclarations(none, [], true, true), null, 'not free to read');
  const og = doc('<meta property="og:type" content=" Article ">');
  assert.equal(readDeclarations(og, metas(og), false, false)?.ogArticle, true);
  const video = doc('<meta property="og:type" content="video.other">');
  assert.equal(readDeclarations(video, metas(video), false, false), null);
  const one = parseDocument('<html><body><article><p>One  story.</p></article></body></html>');
  assert.deepEqual(readDeclarations(one, [], false, false)?.articles, ['One story.']);
  const two = parseDocument('<html><body><article>A</article><article>B</article></body></html>');
  assert.equal(readDeclarations(two, [], false, false), null, 'two <article>s declare no one story');
});
