import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entry } from '../../src/domain/entry.js';
import { digestMail, snippet, webhookBody } from '../../src/alerts/message.js';

function entry(text: string): Entry {
  return {
    id: 9,
    sourceId: 1,
    dedupeKey: 'k',
    fingerprint: 'f',
    url: 'https://n.example/9',
    title: 'T',
    author: null,
    contentHtml: null,
    text,
    lang: 'en',
    dir: 'ltr',
    publishedAt: 0,
    updatedAt: null,
    createdAt: 0,
    fullHtml: null,
    extractStatus: 'none',
    leadImage: null,
    categories: [],
  };
}

test('the snippet is the passage around the match, cut at words, with the match marked', () => {
  const before = 'word '.repeat(100);
  const text = `${before}the  Mujahedin-e\nKhalq held a rally ${'after '.repeat(100)}`;
  const start = text.indexOf('Mujahedin');
  const end = text.indexOf('Khalq') + 5;
  const s = snippet(entry(text), [{ field: 'text', start, end, text: text.slice(start, end), alias: 'x' }]);
  assert.ok(s.text.startsWith('…word') && s.text.endsWith('…'), s.text);
  assert.ok(s.text.length <= 242);
  assert.equal(s.text.slice(s.mark![0], s.mark![1]), 'Mujahedin-e Khalq');
  const none = snippet(entry(text), [{ field: 'title', start: 0, end: 1, text: 'T', alias: 'T' }]);
  assert.equal(none.mark, undefined);
  assert.ok(none.text.startsWith('word word') && none.text.endsWith('…'));
});

test('the webhook body lists the entries with their matches', () => {
  const body = JSON.parse(
    webhookBody(
      { id: 'mek', name: 'MEK' },
      [{ deliveryId: 3, entry: entry('MEK in Iran'), matches: [{ field: 'text', start: 0, end: 3, text: 'MEK', alias: 'MEK' }] }],
      {
        baseUrl: 'https://desk.example/',
        now: 0,
      },
    ),
  ) as { topic: { url: string }; deliveries: number[]; entries: { id: number; excerpt: string; matches: unknown[] }[] };
  assert.equal(body.topic.url, 'https://desk.example/topics/mek');
  assert.deepEqual(body.deliveries, [3]);
  assert.equal(body.entries[0]!.excerpt, 'MEK in Iran');
  assert.deepEqual(body.entries[0]!.matches, [{ field: 'text', start: 0, end: 3, text: 'MEK', alias: 'MEK' }]);
});

// r-edges: the API and the pages give an entry's address only when it is http(s); the alerts gave
// whatever was stored — a javascript: or data: address from an older ingest became the digest's
// link and the webhook's `url`, which chat bots and dashboards link as readily.
test('webhooks and digests give an entry address only when it is http(s), as the API does', () => {
  const topic = { id: 'mek', name: 'MEK' };
  const ctx = { baseUrl: '', now: 0 };
  for (const bad of ['javascript:alert(document.domain)', 'JaVa\tScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'file:///srv/feeds/a.xml']) {
    const items = [{ deliveryId: 1, entry: { ...entry('MEK in Iran'), url: bad }, matches: [] }];
    const body = JSON.parse(webhookBody(topic, items, ctx)) as { entries: { url: string | null }[] };
    assert.equal(body.entries[0]!.url, null, bad);
    const mail = digestMail(topic, items, ctx);
    assert.ok(!/href=/.test(mail.html), `${bad}: ${mail.html}`);
    assert.ok(!/javascript|data:|file:/i.test(mail.text + mail.html), bad);
  }
  const good = [{ deliveryId: 1, entry: entry('MEK in Iran'), matches: [] }];
  assert.equal((JSON.parse(webhookBody(topic, good, ctx)) as { entries: { url: string }[] }).entries[0]!.url, 'https://n.example/9');
  assert.match(digestMail(topic, good, ctx).html, /<a href="https:\/\/n\.example\/9">/);
  assert.match(digestMail(topic, good, ctx).text, / {2}https:\/\/n\.example\/9/);
});

test('an override left open in the topic name or a matched name does not reorder the rest of its line (December 2026 review)', () => {
  const e = { ...entry('The party said so.'), title: 'Headline' };
  const matches = [
    { field: 'text' as const, start: 4, end: 9, text: 'party', alias: 'party\u202e' },
    { field: 'title' as const, start: 0, end: 4, text: 'Head', alias: 'Head' },
  ];
  const mail = digestMail({ id: 't', name: 'Evil\u202e' }, [{ deliveryId: 1, entry: e, matches }], { baseUrl: '', now: 0 });
  assert.equal(mail.subject, 'Evil\u202e\u202c: 1 new story');
  assert.ok(mail.text.includes('Matched: party\u202e\u202c, Head'), mail.text);
  assert.ok(mail.html.includes('Matched: party\u202e\u202c, Head'), mail.html);
  const plain = digestMail({ id: 't', name: 'Plain' }, [{ deliveryId: 1, entry: e, matches: [] }], { baseUrl: '', now: 0 });
  assert.equal(plain.subject, 'Plain: 1 new story', 'text without controls is unchanged');
});
