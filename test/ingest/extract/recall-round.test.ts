// Recall round of 2026-12-04 (docs/extract-rounds.md, "Recall round"): text of the story
// that a stage lost although it is the page's own. Each test fails without its fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { trimEdges, trimTrace } from '../../../src/ingest/extract/trim.js';
import { prose } from './helpers.js';

const URL_ = 'https://paper.example/news/2025/page';

test('a script end tag with junk before its ">" ends the script there, as the tokenizer reads it', () => {
  // "</script" then white space starts an end tag whose "attributes" run to the next ">": the
  // script ends there. Waiting for a literal "</script>" swallowed the article up to the next
  // script's end tag.
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Rain returns</title>
<script src="//stats.example/bundle.js"></script

  <!--Page plugin: https://example.com/docs/plugins/page-plugin-->
</head><body><article><h1>Rain returns</h1>${prose('The storm', 6)}</article>
<script>var later = 1;</script></body></html>`;
  const r = extractArticle({ bytes: Buffer.from(html), url: URL_ });
  assert.match(r.text ?? '', /The storm paragraph 1 says/);
  assert.match(r.text ?? '', /The storm paragraph 6 says/);
  assert.doesNotMatch(r.text ?? '', /var later/);
});

test("text inside a named anchor (<a name>, no href) is the page's own, not link text", () => {
  // Old pages wrap sections in <a name="…"> targets for their table of contents (an unclosed one
  // is reopened by the parser inside every block after it). Counted as link text, the story's
  // opening read as navigation and went with the contents list above it.
  const toc = ['Overview', 'Building', 'Certificates', 'Configuring', 'Testing']
    .map((s) => `<li><a href="#${s.toLowerCase()}">${s}</a></li>`)
    .join('');
  const body = `<article><h1>Tunnelling rsync</h1><h2>Contents</h2><ul>${toc}</ul>
<p><a name="overview">A while back I went to a meeting where the speaker showed how he tunnels his backups over an encrypted link.</a></p>
${prose('The setup', 5)}</article>`;
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Tunnelling rsync</title></head><body>${body}</body></html>`;
  const r = extractArticle({ bytes: Buffer.from(html), url: URL_ });
  assert.match(r.text ?? '', /A while back I went to a meeting/);
  assert.match(r.text ?? '', /The setup paragraph 5 says/);
});

test("an <a> without href and without a name (a script's button) still counts as link text", () => {
  const bar = ['Like us', 'Follow us', 'Add us', 'Download now'].map((s) => `<li><a class="btn">${s}</a></li>`).join('');
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Rain returns</title></head><body><article><h1>Rain returns</h1>${prose('The storm', 5)}<ul>${bar}</ul></article></body></html>`;
  const r = extractArticle({ bytes: Buffer.from(html), url: URL_ });
  assert.match(r.text ?? '', /The storm paragraph 5 says/);
  assert.doesNotMatch(r.text ?? '', /Download now/);
});

test('trimTrace (analysis hook): told of each block the edge trim removes and why; answering true keeps it', () => {
  const html = `<!DOCTYPE html><html><body><div id="b">${prose('The storm', 3)}<p><a href="/a">Related: other story one</a></p><p>This entry was posted in News.</p></div></body></html>`;
  const run = (keep: boolean): { seen: string[]; text: string } => {
    const doc = parseDocument(html);
    const root = doc.querySelector('#b') as DomElement;
    const seen: string[] = [];
    trimTrace.on = (why) => {
      seen.push(why);
      return keep;
    };
    try {
      trimEdges(root);
    } finally {
      trimTrace.on = null;
    }
    return { seen, text: root.textContent ?? '' };
  };
  const removed = run(false);
  assert.deepEqual(removed.seen, ['sweep-tail-bad', 'sweep-tail-bad']);
  assert.doesNotMatch(removed.text, /This entry was posted/);
  const kept = run(true);
  assert.deepEqual(kept.seen, ['sweep-tail-bad', 'sweep-tail-bad']);
  assert.match(kept.text, /This entry was posted/);
});

test('trimTrace names every rule of the edge trim that takes a block, so a switch keeps only what no other rule takes', () => {
  // The stage ablation (x-ablate2, docs/extract-rounds.md) switches one rule off at a time. A
  // dated byline above the text is taken by the dated-byline rule and by the head sweep's byline
  // lines; told only of the first, the ablation kept the line and charged the dated-byline rule
  // with what the head sweep does anyway.
  const html = `<!DOCTYPE html><html><body><div id="b"><p>By Jane Doe on November 8, 2012</p>${prose('The storm', 3)}</div></body></html>`;
  const run = (off: string | null): { seen: string[][]; text: string } => {
    const root = parseDocument(html).querySelector('#b') as DomElement;
    const seen: string[][] = [];
    trimTrace.on = (why, _el, also) => {
      seen.push([why, ...also]);
      return [why, ...also].every((r) => r === off);
    };
    try {
      trimEdges(root);
    } finally {
      trimTrace.on = null;
    }
    return { seen, text: root.textContent ?? '' };
  };
  const all = run(null);
  assert.deepEqual(all.seen, [['dated-byline', 'meta-head']]);
  assert.doesNotMatch(all.text, /By Jane Doe/);
  // The dated-byline rule off: the head sweep still takes the line.
  assert.doesNotMatch(run('dated-byline').text, /By Jane Doe/);
  assert.doesNotMatch(run('meta-head').text, /By Jane Doe/);
});
