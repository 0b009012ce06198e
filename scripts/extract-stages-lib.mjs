// The stage runner shared by extract-recall-stages.mjs and extract-recall-loss.mjs: the stages of
// src/ingest/extract/index.ts run one by one in this process from the build (dist/), with the body's
// text read after each (vanilla, unpruned, chosen, trimmed, second, final; see extract-recall-stages.mjs
// for what each is). Dev only: devPages never reads a heldout row.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { fnv1a, loadEvalPages, readabilityExtract } from './extract-eval-lib.mjs';
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const D = (m) => import(join(ROOT, 'dist', 'src', 'ingest', 'extract', m));
const [
  { extractArticle, MAX_DEPTH, MAX_HTML_CHARS },
  { stripNonContent },
  { normalizeTree, parseDocument, tagged },
  { chooseArticle },
  { fallbackContent },
  { learnedTrim },
  { growToArticle, previewSecondLook, secondLook },
  { siteRuleFor },
  { blockText },
  { trimEdges, trimTrace },
  { readMetadata },
  { tuneForLinkedom },
  { withoutListenerEntries },
  { decodeHtml },
] = await Promise.all([
  D('index.js'),
  D('non-content.js'),
  D('dom.js'),
  D('candidates.js'),
  D('fallback.js'),
  D('learned-blocks.js'),
  D('second-look.js'),
  D('site-rules.js'),
  D('text.js'),
  D('trim.js'),
  D('metadata.js'),
  D('readability-linkedom.js'),
  D('listener-entries.js'),
  import(join(ROOT, 'dist', 'src', 'text', 'encoding.js')),
]);

export const STAGES = ['vanilla', 'unpruned', 'chosen', 'trimmed', 'second', 'final'];

/** The dev pages of `data/<dir>` (with `half`, those whose site hashes to that half), with their folder as `base`. */
export function devPages(dir, half, transform) {
  const o = { manifest: join(ROOT, 'data', dir, 'manifest.jsonl'), split: 'dev', ids: [], transform };
  const inHalf = (p) => !half || (fnv1a(String(p.site ?? p.id)) % 2 === 1) === (half === 'odd');
  return loadEvalPages(o, inHalf, (_p, base) => ({ base }));
}

// As index.ts's shrink: the same cut of comments, scripts and styles, and the same bound.
const shrink = (html) => stripNonContent(html).slice(0, MAX_HTML_CHARS);

function unflag(index) {
  for (const m of tagged(index, 'mjx-container')) m.removeAttribute('class');
}

// Every edge trim of the run (also the ones inside the second look and in extractArticle) asks
// here: the reasons named by --ablate keep their blocks; the main body's trim is recorded.
let recording = null;
let ABLATE = new Set();
/** The edge-trim reasons whose blocks are kept (--ablate). */
export function ablate(reasons) {
  ABLATE = reasons;
}
trimTrace.on = (why, el) => {
  const keep = ABLATE.has(why);
  if (recording && !keep) recording.push({ why, text: blockText(el) });
  return keep;
};

/** The stages' texts for one page (null where a stage did not run). */
export function stagesOf(page) {
  const out = Object.fromEntries(STAGES.map((s) => [s, null]));
  try {
    const v = readabilityExtract(page.bytes);
    out.vanilla = v.text;
    out.vanillaTitle = v.title;
  } catch {
    out.vanilla = ''; // the scorers count a Readability failure as an empty extraction
  }
  const input = { bytes: page.bytes, url: page.url ?? undefined };
  const res = extractArticle(input);
  const official = res.text ?? '';
  out.title = res.title;
  withoutListenerEntries(() => {
    const html = shrink(decodeHtml(page.bytes, undefined).text);
    const parse = () => {
      const d = parseDocument(html);
      const { index } = normalizeTree(d, MAX_DEPTH);
      unflag(index);
      if (page.url) {
        Object.defineProperty(d, 'baseURI', { value: page.url, configurable: true });
        Object.defineProperty(d, 'documentURI', { value: page.url, configurable: true });
      }
      return { d, index };
    };
    {
      const { d } = parse();
      try {
        const r = new Readability(d, { keepClasses: true, serializer: (n) => n });
        tuneForLinkedom(r);
        const a = r.parse();
        out.unpruned = a?.content ? blockText(a.content) : '';
      } catch {
        out.unpruned = '';
      }
    }
    if (siteRuleFor(page.url ?? undefined)) {
      out.note = 'site rule';
      return;
    }
    const { d, index } = parse();
    const meta = readMetadata(d, index, page.url ?? undefined, {});
    let preview;
    const article = chooseArticle(d, [], (pruned) => {
      preview = previewSecondLook(pruned, tagged(index, 'h1'));
    });
    let content = article?.content ?? fallbackContent(d);
    if (!content) return;
    out.chosen = blockText(content);
    const removed = [];
    recording = removed;
    try {
      trimEdges(content, article?.content ? article.title : meta.title);
    } finally {
      recording = null;
    }
    out.trimRemoved = removed;
    let text = blockText(content);
    out.trimmed = text;
    const other =
      growToArticle(content, text, () => parse().d, article?.title, preview) ??
      secondLook(content, text, () => parse().d, article?.title, preview);
    if (other) {
      content = other.content;
      text = other.text;
      out.grew = true;
    }
    out.second = text;
    if (learnedTrim(content) > 0) text = blockText(content);
    out.final = text;
  });
  out.official = official;
  if (out.final !== null && out.final !== official) out.note = 'final differs from extractArticle';
  if (out.final === null) out.final = official;
  return out;
}
