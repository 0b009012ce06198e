// Hostile topics files (r-ingest4, docs/security.md): a file nested far deeper than any topics
// file is refused with a placed error, at start-up and on a reload (SIGHUP), and the running
// topics stay. Before, the JSON checker recursed once per level and a 200 kB file of `[` threw a
// RangeError out of the reader: a server starting with it failed on "Maximum call stack size
// exceeded", without the stored topics it falls back to for any other broken file. Worse, the
// YAML library's own overflow left V8 unable to compile regular expressions, so the second read
// of a 6 kB file (a second SIGHUP, a second save at the desk) aborted the whole process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/log/logger.js';
import { startTopics } from '../../src/server/topics.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { parseTopics } from '../../src/topics/definition.js';
import { loadTopicsFile } from '../../src/topics/load.js';

const dir = mkdtempSync(join(tmpdir(), 'nd-topics-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const deepJson = (levels: number): string => `{"topics":${'['.repeat(levels)}${']'.repeat(levels)}}`;
const good = JSON.stringify({ topics: [{ id: 'water', name: 'Water', entities: [{ name: 'Mill Bridge' }] }] });

describe('topics files nested too deep', () => {
  it('a JSON file nested 100,000 levels is an error placed in the file, not a crash', async () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, deepJson(100_000));
    const r = await loadTopicsFile(file);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.errors[0]?.key, 'json.tooDeep');
    assert.equal(r.errors[0]?.line, 1);
    assert.match(r.errors[0]?.message ?? '', /nested more than 100 levels/);
  });

  it('objects nested as deep, and the same file with a BOM, are refused the same way', () => {
    const objects = `[${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}]`;
    for (const src of [objects, `\uFEFF${deepJson(20_000)}`]) {
      const r = parseTopics(src);
      assert.equal(r.ok, false);
      if (!r.ok) assert.equal(r.errors[0]?.key, 'json.tooDeep');
    }
  });

  it('nesting up to the limit (100) is read as usual (the schema answers)', () => {
    const r = parseTopics(deepJson(98));
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.errors[0]?.key, 'topic.notObject');
  });

  it('YAML nested past the stack, in flow and block style, is an error too', () => {
    const flow = `topics: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const block = `topics:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}- `).join('\n')}x\n`;
    for (const src of [flow, block]) {
      const r = parseTopics(src);
      assert.equal(r.ok, false);
    }
    const r = parseTopics(`# topics\ntopics:\n  - ${'['.repeat(200)}`);
    assert.equal(r.ok, false);
    // The root mapping and the topics list are two levels: the 99th `[` is the 101st.
    if (!r.ok) assert.deepEqual([r.errors[0]?.key, r.errors[0]?.line, r.errors[0]?.column], ['yaml.tooDeep', 3, 103]);
  });

  it('reading such a text again and again leaves the process alive (it used to abort on the second read)', () => {
    const reader = new URL('../../src/topics/definition.js', import.meta.url).href;
    const code = `
      const { parseTopics } = await import(${JSON.stringify(reader)});
      const texts = [
        '{"topics":' + '['.repeat(3000) + ']'.repeat(3000) + '}',
        '[' + '{"a":'.repeat(3000) + '1' + '}'.repeat(3000) + ']',
        'topics: ' + '['.repeat(30000) + ']'.repeat(30000),
      ];
      const keys = [];
      for (let round = 0; round < 3; round++) for (const t of texts) keys.push(parseTopics(t).errors[0].key);
      process.stdout.write(JSON.stringify(keys));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    assert.equal(child.status, 0, `the reader's process died: ${child.stderr.slice(0, 300)}`);
    assert.deepEqual(JSON.parse(child.stdout), Array.from({ length: 3 }, () => ['json.tooDeep', 'json.tooDeep', 'yaml.tooDeep']).flat());
  });

  it('block nesting on one line (`- - - x`, `? ? ? x`) and brackets closed inside strings are measured too, and survive rereading', () => {
    // r2-ingest4: counting `[` and `{` in the raw text missed both. `- - - x` nests a list in a list
    // without a bracket (6 kB for 3,000 levels), and `[ "]", [ "]", …` closed each level in a string,
    // so the count stayed at one; either overflowed the YAML library and aborted the next read.
    const reader = new URL('../../src/topics/definition.js', import.meta.url).href;
    const code = `
      const { parseTopics } = await import(${JSON.stringify(reader)});
      const texts = [
        'topics:\\n  - ' + '- '.repeat(3000) + 'x\\n',
        'topics:\\n  ' + '? '.repeat(3000) + 'x\\n',
        '{"topics":' + '[ "]", '.repeat(3000) + '1' + ']'.repeat(3000) + '}',
        '[' + '{"a]": '.repeat(3000) + '1' + '}'.repeat(3000) + ']',
      ];
      const keys = [];
      for (let round = 0; round < 3; round++) for (const t of texts) keys.push(parseTopics(t).errors[0].key);
      process.stdout.write(JSON.stringify(keys));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    assert.equal(child.status, 0, `the reader's process died: ${child.stderr.slice(0, 300)}`);
    const once = ['yaml.tooDeep', 'yaml.tooDeep', 'json.tooDeep', 'json.tooDeep'];
    assert.deepEqual(JSON.parse(child.stdout), [...once, ...once, ...once]);
  });

  it('brackets in comments, quoted names and block scalars are text, not nesting: such a file is read', () => {
    const many = '['.repeat(150);
    const src = [
      `# ${many} a note kept from an old list`,
      'topics:',
      '  - id: water',
      '    name: Water',
      '    description: |',
      `      ${'{'.repeat(150)}`,
      `    entities: [{ name: "Mill Bridge ${many}" }, { name: 'Mill ${'{'.repeat(150)} Road' }]`,
      '',
    ].join('\n');
    const r = parseTopics(src);
    assert.equal(r.ok, true, r.ok ? '' : JSON.stringify(r.errors[0]));
    const json = JSON.stringify({ topics: [{ id: 'water', name: 'Water', entities: [{ name: `Mill ${many}` }] }] });
    assert.equal(parseTopics(json).ok, true);
  });

  it('at start-up the stored topics are used instead, and a reload with it keeps the running set', async () => {
    const file = join(dir, 'topics.json');
    writeFileSync(file, good);
    const store = await SqliteStore.open({ path: ':memory:' });
    const config = loadConfig({ env: {}, overrides: { topicsFile: file } });
    const log = createLogger('silent');
    // A first start stores the good set.
    const first = await startTopics({ store, config, log, deskWatchMs: 0 });
    await first.retagger.stop();
    await first.stop();
    writeFileSync(file, deepJson(100_000));
    const topics = await startTopics({ store, config, log, deskWatchMs: 0 });
    try {
      assert.deepEqual(
        topics.registry.topics.map((t) => t.id),
        ['water'],
        'the stored set is in use',
      );
      const r = await topics.reload();
      assert.equal(r.ok, false);
      assert.match(r.errors.join('\n'), /topics\.json:1:\d+: JSON syntax error: lists and objects nested more than 100 levels/);
      assert.deepEqual(
        topics.registry.topics.map((t) => t.id),
        ['water'],
        'the running set stays',
      );
    } finally {
      await topics.stop();
      await store.close();
    }
  });
});
