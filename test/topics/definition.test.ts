import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTopicError, parseTopics } from '../../src/topics/definition.js';
import { loadTopicsFile } from '../../src/topics/load.js';
import { TopicRegistry } from '../../src/topics/registry.js';
import { ISSUE_TOPICS_JSON } from './helpers.js';

test('the JSON shape from the issue is accepted as is', () => {
  const r = parseTopics(ISSUE_TOPICS_JSON);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  const t = r.topics[0]!;
  assert.equal(t.id, 'mek');
  assert.equal(t.entities[0]!.id, 'mojahedin-e-khalq');
  assert.deepEqual(t.entities[0]!.acronyms, ['MEK', 'MKO', 'PMOI']);
  assert.equal(t.query, null);
});

test('YAML with every field, a top-level list also accepted', () => {
  const r = parseTopics(`
- id: camps
  name: Camps
  description: Two camps
  languages: [en, ar]
  entities:
    - id: ashraf
      name: Camp Ashraf
      aliases: [Ashraf Camp]
      acronyms: [C.A.]
  related: [Diyala]
  places: [Baghdad]
  query: title:@ashraf OR (@ashraf NEAR/5 @places)
`);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  const t = r.topics[0]!;
  assert.deepEqual(t.entities[0]!.acronyms, ['CA']);
  assert.equal(t.queryTree?.kind, 'or');
  assert.deepEqual(t.places, ['Baghdad']);
});

test('a YAML syntax error reports line and column', () => {
  const r = parseTopics('topics:\n  - id: a\n    name: [unclosed\n  - id: b\n');
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.ok(r.errors[0]!.line! >= 3, JSON.stringify(r.errors));
  assert.ok(r.errors[0]!.column! >= 1);
  assert.match(formatTopicError(r.errors[0]!, 'topics.yaml'), /^topics\.yaml:\d+:\d+: syntax error/);
});

test('a JSON syntax error reports line and column', () => {
  const r = parseTopics('{"topics": [\n  {"id": "a", "name": "A",\n   "entities": [{"name": "Camp Ashraf"}]\n  ,,]}');
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.errors[0]!.line, 4);
});

test('a valid JSON file with a long number is not reported as a JSON syntax error', () => {
  // The JSON checker read numbers from a 64-character window, so a longer one ended mid-number.
  const digits = `0.${'1'.repeat(70)}`;
  const r = parseTopics(`[{"id": "a", "name": "A", "entities": [{"name": "Camp Ashraf"}], "weight": ${digits}}]`);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  assert.deepEqual(
    r.warnings.map((w) => w.path),
    ['[0].weight'],
  );
});

test('a one-letter alias is refused with the reason and its position', () => {
  const r = parseTopics(
    'topics:\n  - id: a\n    name: A\n    entities:\n      - name: Camp Ashraf\n        aliases: [Ashraf Camp, "K", "."]\n',
  );
  assert.equal(r.ok, false);
  if (r.ok) return;
  const one = r.errors.find((e) => e.message.includes('"K"'))!;
  assert.match(one.message, /single letter/);
  assert.match(one.message, /acronyms/);
  assert.equal(one.line, 6);
  assert.equal(one.path, 'topics[0].entities[0].aliases[1]');
  assert.ok(r.errors.some((e) => e.message.includes('no letters')));
});

test('a query syntax error is placed in the file', () => {
  const src = 'topics:\n  - id: a\n    name: A\n    query: (polio OR campaign\n';
  const r = parseTopics(src);
  assert.equal(r.ok, false);
  if (r.ok) return;
  const e = r.errors[0]!;
  assert.match(e.message, /query syntax error: expected "\)"/);
  assert.equal(e.line, 4);
  // Column of the end of the query on that line, 1-based.
  assert.equal(e.column, '    query: (polio OR campaign'.length + 1);
});

test('unknown entity references, duplicate ids and empty topics are errors', () => {
  const r = parseTopics(`topics:
  - id: a
    name: A
    entities: [{name: Camp Ashraf}]
    query: "@camp-liberty"
  - id: a
    name: again
`);
  assert.equal(r.ok, false);
  if (r.ok) return;
  const msgs = r.errors.map((e) => e.message).join('\n');
  assert.match(msgs, /@camp-liberty, which is not an entity/);
  assert.match(msgs, /used twice/);
  assert.match(msgs, /neither entities nor a query/);
});

test('a bad file leaves the previously loaded topics active', () => {
  const reg = new TopicRegistry();
  assert.ok(reg.replaceFromSource(ISSUE_TOPICS_JSON).ok);
  assert.equal(reg.matcher.match({ text: 'The Mojahedin-e Khalq said' }).length, 1);
  const bad = reg.replaceFromSource('topics:\n  - id: x\n    entities: [{name: "x"}]\n');
  assert.equal(bad.ok, false);
  assert.deepEqual(
    reg.topics.map((t) => t.id),
    ['mek'],
  );
  assert.equal(reg.matcher.match({ text: 'The Mojahedin-e Khalq said' }).length, 1);
});

test('loadTopicsFile reads files and explains a missing one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-topics-'));
  const p = join(dir, 'topics.json');
  writeFileSync(p, ISSUE_TOPICS_JSON);
  const ok = await loadTopicsFile(p);
  assert.ok(ok.ok);
  const missing = await loadTopicsFile(join(dir, 'none.yaml'));
  assert.equal(missing.ok, false);
  if (!missing.ok) assert.match(missing.errors[0]!.message, /no such file/);
});

// Found by the fuzzer: aliases that expand into each other ("billion laughs") made parseTopics
// throw a ReferenceError instead of answering with a file error.
test('a YAML alias bomb is a file error, not a crash', () => {
  const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i <= 8; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  lines.push('topics: [{id: bomb, name: Bomb, query: iraq, keywords: *a8}]');
  const r = parseTopics(lines.join('\n'));
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.errors[0]!.message, /too many YAML aliases/);
  // A few shared aliases are fine.
  const shared = parseTopics(
    'k: &k [camp, ashraf]\ntopics:\n  - {id: a, name: A, query: iraq, keywords: *k}\n  - {id: b, name: B, query: iran, keywords: *k}\n',
  );
  assert.notEqual(shared.ok === false && shared.errors.some((e) => /aliases/.test(e.message)), true);
});
