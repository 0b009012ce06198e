import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedupeKey, fingerprint, normalizeUrlKey } from '../../../src/ingest/parse/dedupe-key.js';
import type { ParsedEntry } from '../../../src/ingest/parse/types.js';
import { parseText } from './helpers.js';

test('GUID first; a GUID repeated within the feed is paired with the link', () => {
  const a: ParsedEntry = { id: 'same', link: 'https://x.example/a' };
  const b: ParsedEntry = { id: 'same', link: 'https://x.example/b' };
  const c: ParsedEntry = { id: 'unique', link: 'https://x.example/c' };
  const all = [a, b, c];
  assert.equal(dedupeKey(c, all), 'g:unique');
  assert.notEqual(dedupeKey(a, all), dedupeKey(b, all));
  assert.match(dedupeKey(a, all), /^g:same\|u:x\.example\/a$/);
});

test('link when there is no GUID; a hash of title and content when there is neither', () => {
  const l: ParsedEntry = { link: 'https://x.example/story' };
  assert.equal(dedupeKey(l, [l]), 'u:x.example/story');
  const h1: ParsedEntry = { title: 'T', content: [{ value: 'body', type: 'text/plain' }] };
  const h2: ParsedEntry = { title: 'T', content: [{ value: 'other', type: 'text/plain' }] };
  assert.match(dedupeKey(h1, [h1]), /^h:[0-9a-f]{40}$/);
  assert.notEqual(dedupeKey(h1, [h1]), dedupeKey(h2, [h2]));
  assert.equal(dedupeKey(h1, [h1]), dedupeKey({ ...h1 }, [h1]));
});

test('scheme, www., host case, default port, fragments and tracking parameters do not change a URL key', () => {
  const base = normalizeUrlKey('https://news.example/a/b?id=7');
  for (const variant of [
    'http://news.example/a/b?id=7',
    'https://www.news.example/a/b?id=7',
    'https://NEWS.Example/a/b?id=7#top',
    'https://news.example:443/a/b?id=7&utm_source=rss&utm_medium=feed',
    'http://news.example:80/a/b?fbclid=abc&id=7',
    '//news.example/a/b?id=7&gclid=1',
  ]) {
    assert.equal(normalizeUrlKey(variant), base, variant);
  }
  assert.notEqual(normalizeUrlKey('https://news.example/a/B?id=7'), base, 'path case matters');
  assert.notEqual(normalizeUrlKey('https://news.example/a/b?id=8'), base, 'real parameters matter');
  assert.equal(normalizeUrlKey('tag:x,2024:1'), 'tag:x,2024:1');
});

test('the same feed after a move to https and a new host spelling yields the same keys', () => {
  const feed = (scheme: string, host: string): string[] =>
    parseText(
      `<rss version="2.0"><channel><item><guid>${scheme}://${host}/p/1</guid></item><item><link>${scheme}://${host}/p/2?utm_campaign=x</link></item></channel></rss>`,
    ).entries.map((e) => e.dedupeKey ?? '');
  assert.deepEqual(feed('http', 'blog.example'), feed('https', 'www.Blog.example'));
});

test('fingerprint ignores markup, case, punctuation and spacing but not words', () => {
  const a = fingerprint('Ferry Timetable Changes!', '<p>The summer timetable starts on <b>Monday</b>.</p>');
  const b = fingerprint('ferry timetable changes', 'The  summer timetable starts on Monday');
  const c = fingerprint('ferry timetable changes', 'The winter timetable starts on Monday');
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.match(a, /^[0-9a-f]{40}$/);
  // Only the first ~300 characters of text count: later edits do not change it.
  const long = 'word '.repeat(100);
  assert.equal(fingerprint('t', `${long} tail one`), fingerprint('t', `${long} tail two`));
});
