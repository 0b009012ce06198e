// data/extract-extra (the third extraction set: the Fundus evaluation data and a hand-made Chinese
// set): the manifest is well-formed, every file it names exists, and the split is by site — no
// site in both dev and heldout, and per source the heldout sites are the first 40% of its sites
// ordered by the seeded hash that scripts/extract-extra-import.mjs uses. Checks structure only:
// no page is scored or printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/repo.js';

type Entry = {
  id: string;
  source: string;
  url: string | null;
  site: string;
  lang: string;
  kind: string;
  features: string[];
  title_in_gold: boolean;
  split: string;
  html: string;
  gold: string;
  optional_paragraphs?: number[];
};

const DATA = join(repoRoot(), 'data', 'extract-extra');
const lines = readFileSync(join(DATA, 'manifest.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim());
const manifest = lines.map((l) => JSON.parse(l) as Entry);

test('manifest: one well-formed line per page, every named file present', () => {
  assert.ok(manifest.length >= 50, `${manifest.length} pages`);
  const ids = new Set<string>();
  for (const e of manifest) {
    assert.match(e.id, /^(fundus-[a-z]+-\d+|cwced-[0-9a-f]{8})$/, e.id);
    assert.ok(!ids.has(e.id), `duplicate id ${e.id}`);
    ids.add(e.id);
    assert.equal(e.source, e.id.split('-')[0], e.id);
    assert.ok(e.url === null || /^https?:\/\//.test(e.url), e.id);
    assert.match(e.site, /^([a-z0-9-]+(\.[a-z0-9-]+)+|unknown-[a-z0-9-]+)$/, e.id);
    assert.ok(['en', 'zh'].includes(e.lang), `${e.id}: lang ${e.lang}`);
    assert.ok(['news', 'wire', 'magazine', 'blog', 'gov', 'reference', 'other'].includes(e.kind), `${e.id}: kind ${e.kind}`);
    assert.ok(Array.isArray(e.features), e.id);
    assert.equal(typeof e.title_in_gold, 'boolean', e.id);
    assert.ok(e.split === 'dev' || e.split === 'heldout', `${e.id}: split ${e.split}`);
    assert.equal(e.html, `pages/${e.id}.html.gz`);
    assert.equal(e.gold, `gold/${e.id}.txt`);
    assert.ok(existsSync(join(DATA, e.html)), e.html);
    assert.ok(existsSync(join(DATA, e.gold)), e.gold);
    const optional = e.optional_paragraphs ?? [];
    assert.ok(Array.isArray(optional), e.id);
    // The optional paragraphs name paragraphs of the gold (split at blank lines), in order.
    const paragraphs = readFileSync(join(DATA, e.gold), 'utf8').replace(/\n+$/, '').split('\n\n').length;
    for (const [k, i] of optional.entries()) {
      assert.ok(Number.isInteger(i) && i >= 0 && i < paragraphs, `${e.id}: optional paragraph ${i}`);
      if (k > 0) assert.ok(i > (optional[k - 1] ?? -1), `${e.id}: optional paragraphs not in order`);
    }
    assert.equal(e.features.includes('optional-paragraphs'), optional.length > 0, e.id);
  }
});

test('split: by site, no site in both splits; per source the first 40% of its sites by the seeded hash heldout, and every site heldout in another set heldout here', () => {
  const dev = new Set(manifest.filter((e) => e.split === 'dev').map((e) => e.site));
  const heldout = new Set(manifest.filter((e) => e.split === 'heldout').map((e) => e.site));
  const both = [...dev].filter((s) => heldout.has(s));
  assert.deepEqual(both, [], `sites in both splits: ${both.join(', ')}`);
  const heldoutElsewhere = new Set<string>();
  for (const other of ['extract-eval', 'extract-snippets']) {
    for (const line of readFileSync(join(repoRoot(), 'data', other, 'manifest.jsonl'), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as { site: string; split: string };
      if (row.split === 'heldout') heldoutElsewhere.add(row.site);
    }
  }
  const leaked = [...dev].filter((s) => heldoutElsewhere.has(s));
  assert.deepEqual(leaked, [], `dev sites here that are heldout in another set: ${leaked.join(', ')}`);
  for (const source of ['fundus', 'cwced']) {
    const rows = manifest.filter((e) => e.source === source);
    assert.ok(rows.length >= 50, `${source}: ${rows.length} pages`);
    const key = (s: string) => createHash('sha256').update(`extract-${source}:${s}`).digest('hex');
    const sites = [...new Set(rows.map((e) => e.site))].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const byHash = sites.slice(0, Math.round(sites.length * 0.4));
    const expected = [...new Set([...byHash, ...sites.filter((s) => heldoutElsewhere.has(s))])].sort();
    const actual = [...new Set(rows.filter((e) => e.split === 'heldout').map((e) => e.site))].sort();
    assert.deepEqual(actual, expected, source);
  }
});
