// Stage 4d, a learned block classifier over the final body: each block stage 4 measures (trim.ts's
// blocksOf: a paragraph, list item, heading, leaf <div>) gets features that carry across sites and
// languages — its length, link density, punctuation, digits, capitals, tag, its place in the body,
// the blocks beside it (jusText's context), and the class/id words of its ancestors hashed into a
// few buckets — and a logistic model (block-model.ts, trained on the dev splits only by
// scripts/train-block-model.mjs) gives the chance it is the story's. Applied conservatively: only
// blocks at the edges of the body, contiguous from its start or its end, go, while their chance is
// under the model's edge threshold; never the prose in the middle.
import { ablation } from './ablation.js';
import type { DomElement } from './dom.js';
import { BLOCK_MODEL } from './block-model.js';
import type { BlockModel } from './block-model-shape.js';
import type { Block } from './trim.js';
import { blocksOf, isDanglingHeading } from './trim.js';
import { isCjkPunctuation, isNoSpaceChar } from './cjk.js';

/** The dense features, in the order of the vector (the hashed class/id buckets follow). */
export const DENSE_FEATURES = [
  'bias',
  'log_text',
  'log_words',
  'link_density',
  'punct_per_word',
  'ends_sentence',
  'digit_share',
  'cap_word_share',
  'rel_pos',
  'rel_pos_end',
  'log_index',
  'log_index_end',
  'body_log_text',
  'share_of_body',
  'tag_p',
  'tag_li',
  'tag_h',
  'tag_blockquote',
  'tag_cell',
  'tag_caption',
  'tag_dl',
  'tag_other',
  'in_list',
  'in_table',
  'in_figure',
  'in_aside',
  'cls_good',
  'cls_bad',
  'cls_meta',
  'prev_log_text',
  'prev_link_density',
  'prev_good',
  'next_log_text',
  'next_link_density',
  'next_good',
  'at_edge',
  'short_link',
] as const;
const D = DENSE_FEATURES.length;

/** What the training script can set: no model (the stage does nothing) and a look at each body. */
export const learnedStage: { model: BlockModel | null; observe: ((root: DomElement) => void) | null } = {
  model: BLOCK_MODEL,
  observe: null,
};

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The class/id words of one element, hashed: "post-meta authorBox" → post, meta, author, box. */
function nameBuckets(el: DomElement, buckets: number): number[] {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (names.length === 1) return [];
  const out: number[] = [];
  for (const part of names.split(/[^A-Za-z]+/)) {
    if (part.length < 2) continue;
    for (const w of part.split(/(?<=[a-z])(?=[A-Z])/)) {
      if (w.length < 3) continue;
      out.push(fnv(w.toLowerCase()) % buckets);
    }
  }
  return out;
}

interface TextShape {
  words: number;
  punct: number;
  digits: number;
  caps: number;
}

/** Words, sentence punctuation, digits and capitalised words of a squeezed string, in one pass. */
function shapeOf(s: string): TextShape {
  let words = 0;
  let punct = 0;
  let digits = 0;
  let caps = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      inWord = false;
      continue;
    }
    // Chinese and Japanese set no space between words: each of their characters is a word of its
    // own (a Chinese word is one or two), so a paragraph of them is not one long "word" that the
    // model reads as a label; the character after it starts a new word.
    if (c >= 0x3000) {
      if (isNoSpaceChar(c)) {
        words++;
        inWord = false;
        continue;
      }
      // CJK punctuation ("，" "。" "、" and the brackets) ends a word and starts none.
      if (isCjkPunctuation(c)) {
        if (c === 0x3002 || c === 0xff0c || c === 0x3001 || c === 0xff01 || c === 0xff1f) punct++;
        inWord = false;
        continue;
      }
    }
    if (!inWord) {
      words++;
      inWord = true;
      const ch = s[i]!;
      const up = ch.toUpperCase();
      if (up !== ch.toLowerCase() && ch === up) caps++;
    }
    // Arabic-Indic and Persian digits are digits; the Arabic comma, semicolon, question mark and
    // full stop (، ؛ ؟ ۔) are punctuation, as their Latin forms are.
    if ((c >= 48 && c <= 57) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9)) digits++;
    else if (
      c === 0x060c ||
      c === 0x061b ||
      c === 0x061f ||
      c === 0x06d4 ||
      c === 46 ||
      c === 44 ||
      c === 59 ||
      c === 58 ||
      c === 33 ||
      c === 63 ||
      c === 0x3002 ||
      c === 0xff0c ||
      c === 0x3001 ||
      c === 0xff01 ||
      c === 0xff1f
    )
      punct++;
  }
  return { words, punct, digits, caps };
}

/** The words of blocks this short are features (a label, a kicker, a credit): longer ones are prose. */
const SHORT_WORDS = 12;
const ENDS_SENTENCE = /[.!?…。！？\u061f\u06d4]["'”»)\]]*$/;
const HEADING = /^h[1-6]$/;

function tagFeature(tag: string): number {
  switch (tag) {
    case 'p':
      return 14;
    case 'li':
      return 15;
    case 'blockquote':
      return 17;
    case 'td':
    case 'th':
      return 18;
    case 'figcaption':
    case 'caption':
      return 19;
    case 'dd':
    case 'dt':
      return 20;
  }
  return HEADING.test(tag) ? 16 : 21;
}

/** What every block's row reads: the body's blocks, its length, where each block starts in it. */
interface RowContext {
  blocks: readonly Block[];
  root: DomElement;
  buckets: number;
  wordBuckets: number;
  total: number;
  /** Characters of the body before block i. */
  before: Float64Array;
  /** Hashed class/id words of the ancestors met so far. */
  names: Map<DomElement, number[]>;
}

function rowContext(blocks: readonly Block[], root: DomElement, buckets: number, wordBuckets: number): RowContext {
  const before = new Float64Array(blocks.length);
  let total = 0;
  for (let i = 0; i < blocks.length; i++) {
    before[i] = total;
    total += blocks[i]!.text;
  }
  return { blocks, root, buckets, wordBuckets, total, before, names: new Map() };
}

/** The feature vectors of `blocks`, the blocks of `root` in order. */
export function blockFeatures(blocks: readonly Block[], root: DomElement, buckets: number, wordBuckets = 0): Float64Array[] {
  const ctx = rowContext(blocks, root, buckets, wordBuckets);
  return blocks.map((_, i) => featureRow(ctx, i));
}

/** The feature vector of block `i`: its own measures, its place in the body and its neighbours'. */
function featureRow(ctx: RowContext, i: number): Float64Array {
  const { blocks, root, buckets, wordBuckets, total, names: cache } = ctx;
  const n = blocks.length;
  const before = ctx.before[i]!;
  const b = blocks[i]!;
  const x = new Float64Array(D + buckets + wordBuckets);
  const sh = shapeOf(b.str);
  const density = b.text > 0 ? b.links / b.text : 0;
  x[0] = 1;
  x[1] = Math.log1p(b.text) / 6;
  x[2] = Math.log1p(sh.words) / 4;
  x[3] = density;
  x[4] = Math.min(1, sh.punct / Math.max(1, sh.words));
  x[5] = ENDS_SENTENCE.test(b.str) ? 1 : 0;
  x[6] = sh.digits / Math.max(1, b.text);
  x[7] = sh.caps / Math.max(1, sh.words);
  x[8] = total > 0 ? before / total : 0;
  x[9] = total > 0 ? (total - before - b.text) / total : 0;
  x[10] = Math.log1p(i) / 4;
  x[11] = Math.log1p(n - 1 - i) / 4;
  x[12] = Math.log1p(total) / 10;
  x[13] = total > 0 ? b.text / total : 0;
  x[tagFeature(b.el.localName)] = 1;
  for (let a: DomElement | null = b.el; a && a !== root; a = a.parentElement) {
    switch (a.localName) {
      case 'ul':
      case 'ol':
      case 'dl':
        x[22] = 1;
        break;
      case 'table':
        x[23] = 1;
        break;
      case 'figure':
        x[24] = 1;
        break;
      case 'aside':
      case 'nav':
      case 'footer':
      case 'header':
      case 'form':
        x[25] = 1;
        break;
    }
    let hb = cache.get(a);
    if (!hb) {
      hb = nameBuckets(a, buckets);
      cache.set(a, hb);
    }
    for (const k of hb) x[D + k] = 1;
  }
  x[26] = b.cls === 'good' ? 1 : 0;
  x[27] = b.cls === 'bad' ? 1 : 0;
  x[28] = b.cls === 'meta' ? 1 : 0;
  const prev = blocks[i - 1];
  const next = blocks[i + 1];
  if (prev) {
    x[29] = Math.log1p(prev.text) / 6;
    x[30] = prev.text > 0 ? prev.links / prev.text : 0;
    x[31] = prev.cls === 'good' ? 1 : 0;
  }
  if (next) {
    x[32] = Math.log1p(next.text) / 6;
    x[33] = next.text > 0 ? next.links / next.text : 0;
    x[34] = next.cls === 'good' ? 1 : 0;
  }
  x[35] = !prev || !next ? 1 : 0;
  x[36] = b.text < 80 && density > 0.5 ? 1 : 0;
  if (wordBuckets > 0 && sh.words <= SHORT_WORDS) {
    for (const w of b.str.toLowerCase().split(/[^\p{L}]+/u)) if (w.length >= 2) x[D + buckets + (fnv(w) % wordBuckets)] = 1;
  }
  return x;
}

/** The model's chance that one row is the story's. */
function blockChance(x: Float64Array, model: BlockModel): number {
  const w = model.weights ?? [];
  let z = model.bias ?? 0;
  for (let j = 0; j < x.length; j++) if (x[j] !== 0) z += x[j]! * (w[j] ?? 0);
  for (const [f, t, below, above] of model.stumps ?? []) z += x[f]! < t ? below : above;
  for (const t of model.trees ?? []) z += x[t[0]!]! < t[1]! ? (x[t[2]!]! < t[3]! ? t[4]! : t[5]!) : x[t[6]!]! < t[7]! ? t[8]! : t[9]!;
  return 1 / (1 + Math.exp(-z));
}

/** The model's chance that each row is the story's. */
export function blockChances(rows: readonly Float64Array[], model: BlockModel): number[] {
  return rows.map((x) => blockChance(x, model));
}

/** The blocks at the edges of the body the model calls furniture: contiguous from its start and from its end. */
export function edgeBlocksToDrop(chances: readonly number[], edge: number): number[] {
  return edgeBlocks(chances.length, (i) => chances[i]!, edge);
}

/**
 * edgeBlocksToDrop over `n` blocks whose chances are asked for only as the scan reaches them: from
 * the start up to the first block the model keeps, and from the end down to the first it keeps —
 * a few blocks of a body, where the features of every block cost a tenth of a long page's time.
 * A block `kept` stops the scan whatever the model says (running prose, isRunningProse).
 */
function edgeBlocks(n: number, chanceOf: (i: number) => number, edge: number, kept: (i: number) => boolean = () => false): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < n && !kept(i) && chanceOf(i) < edge) out.push(i++);
  // Never the whole body: a body the model doubts throughout is left as it is. A scan stopped by
  // running prose rather than by the model has found the story there, and goes on from the end.
  if (i === n) return [];
  for (let j = n - 1; j > i && !kept(j) && chanceOf(j) < edge; j--) out.push(j);
  return out;
}

/** A block that ends as a sentence ends: its last mark a full stop, question or exclamation mark (Latin, CJK, Arabic script), then at most closing quotes or brackets. */
const SENTENCE_END = /[.!?…。！？؟\u06d4]["'”’»)\]」』]*\s*$/;

/**
 * Running prose: a block the trim reads as prose (trim.ts's good class: a sentence's length or
 * more, few links) that ends as a sentence does. The model decides by a block's words, names and
 * shape as they were on the dev pages' sites; on another site a story's closing paragraph can
 * look to it like a notice (a sentence with an e-mail address and "for more information"). The
 * stage is for the short lines at the edges — credits, date lines, bylines, labels — so its scan
 * from either edge stops at running prose and never takes it, nor anything beyond it. Measured
 * (x-recall, late): on the dev sets it changed one broad page's text and no score.
 */
export function isRunningProse(b: Block): boolean {
  return b.cls === 'good' && SENTENCE_END.test(b.str);
}

/**
 * Drops the edge blocks of `root` that `model` calls furniture, in place. Returns the blocks
 * removed. `blocks` are blocksOf(root), when the caller has them.
 */
export function applyBlockModel(root: DomElement, model: BlockModel, blocks: Block[] = blocksOf(root)): number {
  if (blocks.length < 3) return 0;
  const ctx = rowContext(blocks, root, model.buckets, model.words ?? 0);
  const drop = edgeBlocks(
    blocks.length,
    (i) => blockChance(featureRow(ctx, i), model),
    model.edge,
    (i) => isRunningProse(blocks[i]!),
  );
  if (drop.length > 0 && ablation.off?.('learned')) return 0;
  for (const i of drop) blocks[i]!.el.parentNode?.removeChild(blocks[i]!.el);
  return drop.length;
}

/**
 * Headings left at the end of the body once the stage dropped what followed them ("Mehr zum
 * Thema auf …" over a list the trim took, then a closing line the model took): they title
 * nothing, and go as the trim's own dangling headings do (trim.ts, isDanglingHeading). Only when
 * the body's last block went — otherwise the trim already judged the same end. Never the last
 * block left. `blocks` are the body's blocks before the stage; the ones it removed are detached.
 */
function dropDanglingHeadings(blocks: readonly Block[]): number {
  if (blocks.length === 0 || blocks[blocks.length - 1]!.el.parentNode) return 0;
  let removed = 0;
  let i = blocks.length - 1;
  while (i >= 0 && !blocks[i]!.el.parentNode) i--;
  for (; i > 0 && isDanglingHeading(blocks[i]!); i--) {
    let before = i - 1;
    while (before >= 0 && !blocks[before]!.el.parentNode) before--;
    if (before < 0) break;
    blocks[i]!.el.parentNode?.removeChild(blocks[i]!.el);
    removed++;
    i = before + 1;
  }
  return removed;
}

/** The stage, on the chosen body, in place (`blocks`: blocksOf(root), when known). Returns the blocks removed. */
export function learnedTrim(root: DomElement, blocks?: Block[]): number {
  learnedStage.observe?.(root);
  if (!learnedStage.model) return 0;
  const list = blocks ?? blocksOf(root);
  const removed = applyBlockModel(root, learnedStage.model, list);
  return removed > 0 ? removed + dropDanglingHeadings(list) : 0;
}
