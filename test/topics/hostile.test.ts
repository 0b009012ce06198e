// Hostile review of topic matching (r-topics, docs/topics.md): names in scripts written without
// spaces, Persian and Arabic spacing of compound names, and queries and articles built to make
// matching overflow the stack or take the square of the article's size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { parseTopics } from '../../src/topics/definition.js';
import { QuerySyntaxError } from '../../src/topics/query/ast.js';
import { parseQuery } from '../../src/topics/query/parse.js';
import { matcherFrom } from './helpers.js';
import { MATCHES_KEPT } from '../../src/topics/matcher.js';

const one = (entity: Record<string, unknown>, query?: string): string =>
  JSON.stringify({ topics: [{ id: 't', entities: [entity], ...(query ? { query } : {}) }] });

/** The matched texts of topic `t`, and that each match's offsets point at its text. */
function found(source: string, text: string): string[] {
  const hits = matcherFrom(source).match({ title: '', text });
  const matches = hits.find((h) => h.id === 't')?.matches ?? [];
  for (const m of matches) assert.equal(text.slice(m.start, m.end), m.text);
  return matches.map((m) => m.text);
}

test('a Chinese or Japanese name matches inside running text, which has no spaces between words', () => {
  const src = one({ name: '習近平', aliases: ['中国共产党', '国境なき医師団', 'ガザ地区', 'アムネスティ・インターナショナル'] });
  assert.deepEqual(found(src, '習近平は北京で演説した'), ['習近平']);
  assert.deepEqual(found(src, '新华社报道，中国共产党中央委员会召开会议'), ['中国共产党']);
  assert.deepEqual(found(src, '昨日、国境なき医師団は声明を出した'), ['国境なき医師団']);
  // Decomposed kana (か + combining voiced mark) is the same name as the composed one.
  assert.deepEqual(found(src, 'カ\u3099ザ地区で空爆'), ['カ\u3099ザ地区']);
  // Half-width katakana unfold to full width.
  assert.deepEqual(found(src, 'ｱﾑﾈｽﾃｨ･ｲﾝﾀｰﾅｼｮﾅﾙが発表'), ['ｱﾑﾈｽﾃｨ･ｲﾝﾀｰﾅｼｮﾅﾙ']);
  // Still a phrase: its characters in order, not across sentence punctuation.
  assert.deepEqual(found(src, '習近、平'), []);
  assert.deepEqual(found(src, '平近習'), []);
});

test('a Persian or Arabic compound name matches with a ZWNJ, a space or joined, however the alias was written', () => {
  const spellings = ['حزب\u200cالله', 'حزب الله', 'حزبالله'];
  for (const alias of spellings) {
    for (const written of spellings) {
      if (alias === 'حزبالله' && written !== alias) continue; // one word: where to split is unknown
      const text = `به گزارش خبرگزاری، ${written} امروز بیانیه داد`;
      assert.deepEqual(found(one({ name: alias }), text), [written], `alias ${JSON.stringify(alias)}, text ${JSON.stringify(written)}`);
    }
  }
  // Arabic compounds written apart and together.
  assert.deepEqual(found(one({ name: 'عبد الله الثاني' }), 'استقبل الملك عبدالله الثاني الوفد'), ['عبدالله الثاني']);
  // Inside a longer phrase, one pair joined: "سازمان مجاهدین‌خلق".
  assert.deepEqual(found(one({ name: 'سازمان مجاهدین خلق' }), 'بیانیهٔ سازمان مجاهدین\u200cخلق'), ['سازمان مجاهدین\u200cخلق']);
  // Two short words joined would make an everyday word: "ما لك" is not "مالك" (owner, Malik).
  assert.deepEqual(found(one({ name: 'ما لك' }), 'قال مالك المطعم'), []);
  // Joined variants are never "exact".
  const hit = matcherFrom(one({ name: 'حزب الله' })).match({ title: '', text: 'حزبالله' });
  assert.equal(hit[0]?.matches[0]?.reason, 'variant');
});

test('a chain of thousands of NEARs is a syntax error, not a stack overflow at every article matched', () => {
  const chain = (n: number): string => Array.from({ length: n + 1 }, (_, i) => `w${i}`).join(' NEAR ');
  assert.throws(
    () => parseQuery(chain(150)),
    (e: unknown) => e instanceof QuerySyntaxError && e.kind === 'tooDeep' && /NEAR/.test(e.message),
  );
  const r = parseTopics(JSON.stringify({ topics: [{ id: 't', query: chain(5000) }] }));
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.errors[0]?.message ?? '', /nested more than 100 deep/);
  // Up to the bound the chain parses and matches.
  const ok = matcherFrom(JSON.stringify({ topics: [{ id: 't', query: chain(99) }] }));
  const words = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
  assert.deepEqual(
    ok.match({ title: '', text: words }).map((h) => h.id),
    ['t'],
  );
  // NEAR inside groups counts once per level, with the groups.
  assert.throws(() => parseQuery(`${'('.repeat(60)}${chain(50)}${')'.repeat(60)}`), QuerySyntaxError);
  assert.equal(parseQuery(`${'('.repeat(40)}${chain(50)}${')'.repeat(40)}`).kind, 'near');
});

test('an article naming an entity 170,000 times is matched, not a RangeError that fails its batch', () => {
  const text = 'Hamas '.repeat(170_000);
  const hits = matcherFrom(one({ name: 'Hamas' })).match({ title: '', text });
  // Every place counted, the first MATCHES_KEPT kept in reading order (p-matchcap).
  assert.equal(hits[0]?.total, 170_000);
  assert.deepEqual(
    hits[0]?.matches.map((m) => m.start),
    Array.from({ length: MATCHES_KEPT }, (_, i) => i * 6),
  );
  const both = matcherFrom(JSON.stringify({ topics: [{ id: 't', query: 'foo bar' }] })).match({
    title: '',
    text: 'foo bar '.repeat(150_000),
  });
  assert.equal(both[0]?.total, 300_000);
  // Both query terms are named, each from its first place.
  assert.deepEqual(new Set(both[0]?.matches.map((m) => m.alias)), new Set(['foo', 'bar']));
  assert.equal(both[0]?.matches.length, MATCHES_KEPT);
});

/** Runs `foo NEAR/100 bar` over a 1 MB article in a worker; null when it does not finish in time. */
function nearInWorker(guardMs: number): Promise<number | null> {
  const url = (p: string): string => new URL(p, import.meta.url).href;
  const code = `
    const { parentPort } = require('node:worker_threads');
    (async () => {
      const { parseTopics } = await import(${JSON.stringify(url('../../src/topics/definition.js'))});
      const { compileTopics } = await import(${JSON.stringify(url('../../src/topics/matcher.js'))});
      const r = parseTopics(JSON.stringify({ topics: [{ id: 't', query: 'foo NEAR/100 bar' }] }));
      const hits = compileTopics(r.topics).match({ title: '', text: 'foo bar '.repeat(131072) });
      parentPort.postMessage(hits[0] ? hits[0].total : 0);
    })();`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    const guard = setTimeout(() => {
      void w.terminate();
      resolve(null);
    }, guardMs);
    w.once('message', (n: number) => {
      clearTimeout(guard);
      void w.terminate();
      resolve(n);
    });
    w.once('error', (e) => {
      clearTimeout(guard);
      reject(e);
    });
  });
}

// Hang guard, not a timing test: comparing every pair of occurrences was 1.7e10 comparisons
// here (minutes); the guard is far above what the bounded work needs.
test('NEAR over a 1 MB article repeating both terms does bounded work', { timeout: 120_000 }, async () => {
  const n = await nearInWorker(60_000);
  assert.notEqual(n, null, 'foo NEAR/100 bar did not finish on a 1 MB article');
  assert.equal(n, 262_144);
});

test('a name of thousands of words is refused with a clear error that does not repeat it', () => {
  const words = (n: number): string => Array.from({ length: n }, (_, i) => (i % 2 ? 'beta' : 'alpha')).join(' ');
  for (const topic of [
    { id: 't', entities: [{ name: words(10_000) }] },
    { id: 't', entities: [{ name: 'Amnesty International', context: [words(65)] }] },
    { id: 't', query: `"${words(5_000)}"` },
  ]) {
    const r = parseTopics(JSON.stringify({ topics: [topic] }));
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.errors[0]?.message ?? '', /more than 64 words/);
      assert.ok((r.errors[0]?.message.length ?? 0) < 300, 'the refused text is not repeated');
    }
  }
  // 64 words, and a long name in Chinese characters, are names still.
  assert.deepEqual(found(one({ name: words(64) }), `${words(64)}.`), [words(64)]);
  const office = '中华人民共和国国务院台湾事务办公室';
  assert.deepEqual(found(one({ name: office }), `据${office}发言人说`), [office]);
});

test('a bidi control or zero-width character after a name is not part of the match shown and returned', () => {
  const src = one({ name: 'Amnesty International', aliases: ['هيئة تحرير الشام'], acronyms: ['MSF'], context: ['hospital'] });
  for (const [text, want] of [
    ['\u202eAmnesty International\u202c said', 'Amnesty International'],
    ['\u2067هيئة تحرير الشام\u2069 قالت', 'هيئة تحرير الشام'],
    ['Amnesty International\u200b\u200d, again', 'Amnesty International'],
    // Inside the name they stay, as they were written there.
    ['Amnesty\u200e International\u2069', 'Amnesty\u200e International'],
  ] as const) {
    assert.deepEqual(found(src, text), [want], JSON.stringify(text));
  }
  // An acronym's possessive is still seen behind an invisible character.
  assert.deepEqual(found(src, 'MSF’s\u200b hospital'), ['MSF']);
});
