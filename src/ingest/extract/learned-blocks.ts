// Stage 4d, a learned block classifier over the final body: each block stage 4 measures (trim.ts's
// blocksOf: a paragraph, list item, heading, leaf <div>) gets features that carry across sites and
// languages — its length, link density, punctuation, digits, capitals, tag, its place in the body,
// the blocks beside it (jusText's context), and the class/id words of its ancestors hashed into a
// few buckets — and a logistic model (block-model.ts, trained on the dev splits only by
// scripts/train-block-model.mjs) gives the chance it is the story's. Applied conservatively: only
// blocks at the edges of the body, contiguous from its start or its end, go, while their chance is
// under the model's edge threshold; never the prose in the middle. With a box model (model.box), also
// the boxes inside the body — an element holding a run of its blocks: a newsletter box, a related-links
// list, a share bar — whose own model's chance is under its threshold, never the whole body.
import type { DomElement } from './dom.js';
import { BLOCK_MODEL } from './block-model.js';
import type { BlockModel, BoxModel } from './block-model-shape.js';
import type { Block } from './trim.js';
import { blocksOf } from './trim.js';

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
    if (!inWord) {
      words++;
      inWord = true;
      const ch = s[i]!;
      const up = ch.toUpperCase();
      if (up !== ch.toLowerCase() && ch === up) caps++;
    }
    if (c >= 48 && c <= 57) digits++;
    else if (
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
const ENDS_SENTENCE = /[.!?…。！？]["'”»)\]]*$/;
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
 */
function edgeBlocks(n: number, chanceOf: (i: number) => number, edge: number): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < n && chanceOf(i) < edge) out.push(i++);
  // Never the whole body: a body the model doubts throughout is left as it is.
  if (i === n) return [];
  for (let j = n - 1; j > i && chanceOf(j) < edge; j--) out.push(j);
  return out;
}

/** Drops the edge blocks of `root` that `model` calls furniture, in place. Returns the blocks removed. */
export function applyBlockModel(root: DomElement, model: BlockModel): number {
  const blocks = blocksOf(root);
  if (blocks.length < 3) return 0;
  const ctx = rowContext(blocks, root, model.buckets, model.words ?? 0);
  const drop = edgeBlocks(blocks.length, (i) => blockChance(featureRow(ctx, i), model), model.edge);
  const boxes = model.box ? innerBoxes(blocks, root, model.buckets, model.box, drop, ctx.total) : [];
  for (const i of drop) blocks[i]!.el.parentNode?.removeChild(blocks[i]!.el);
  let removed = drop.length;
  for (const box of boxes) {
    box.el.parentNode?.removeChild(box.el);
    removed += box.b - box.a + 1;
  }
  return removed;
}

/** The boxes the box model drops from a body whose edge blocks `drop` go: none when they would leave no block. */
function innerBoxes(
  blocks: readonly Block[],
  root: DomElement,
  buckets: number,
  model: BoxModel,
  drop: readonly number[],
  total: number,
): Box[] {
  const boxes = boxesOf(blocks, root);
  if (boxes.length === 0) return [];
  const rows = boxFeatures(blocks, root, boxes, buckets);
  const covered = new Set(drop);
  let first = -1;
  let last = blocks.length;
  if (model.interior) {
    first = 0;
    while (covered.has(first)) first++;
    last = blocks.length - 1;
    while (covered.has(last)) last--;
  }
  const gone = boxesToDrop(
    boxes,
    rows.map((x) => boxChance(x, model)),
    model.threshold,
    model.maxShare,
    total,
    first,
    last,
  );
  for (const g of gone) for (let i = g.a; i <= g.b; i++) covered.add(i);
  return covered.size >= blocks.length ? [] : gone;
}

/** The box model's chance that a box is the story's. */
export function boxChance(x: Float64Array, model: BoxModel): number {
  let z = model.bias;
  for (const [f, t, below, above] of model.stumps) z += x[f]! < t ? below : above;
  return 1 / (1 + Math.exp(-z));
}

/** The stage, on the chosen body, in place. Returns the blocks removed. */
export function learnedTrim(root: DomElement): number {
  learnedStage.observe?.(root);
  return learnedStage.model ? applyBlockModel(root, learnedStage.model) : 0;
}

// ---------------------------------------------------------------- boxes inside the body --

/** The dense features of a box (an element inside the body holding a run of its blocks), in vector order; the hashed class/id buckets follow. */
export const BOX_FEATURES = [
  'bias',
  'log_text',
  'share_of_body',
  'log_blocks',
  'link_density',
  'good_share',
  'bad_share',
  'meta_share',
  'max_block_log_text',
  'rel_pos',
  'rel_pos_end',
  'at_start',
  'at_end',
  'prev_good',
  'prev_log_text',
  'next_good',
  'next_log_text',
  'tag_div',
  'tag_aside',
  'tag_list',
  'tag_table',
  'tag_figure',
  'tag_blockquote',
  'tag_other',
  'starts_heading',
  'ends_sentence_share',
  'punct_per_word',
  'log_depth',
  'link_block_share',
  'parent_log_rest',
  'parent_good_rest',
  'log_siblings',
  'body_log_text',
  'good_text_share',
  'sentence_text_share',
  'like_siblings',
  'after_heading',
  'mean_chance',
  'min_chance',
] as const;
const BD = BOX_FEATURES.length;

const PART = new Set(['tr', 'thead', 'tbody', 'tfoot', 'td', 'th', 'li', 'dt', 'dd']);

/** A box: an element inside the body (not the body, not a block by itself) and the run of blocks it holds, a to b. */
export interface Box {
  el: DomElement;
  a: number;
  b: number;
  text: number;
  /** The run of blocks the box's parent holds (the whole body's when the parent is the body). */
  pa: number;
  pb: number;
}

/**
 * The boxes of a body: for each run of blocks some element inside the body holds, the outermost
 * element holding exactly that run (a wrapper's wrapper adds nothing), unless that element is the
 * block itself. Its class/id words are those of every element of the chain.
 */
export function boxesOf(blocks: readonly Block[], root: DomElement): Box[] {
  const range = new Map<DomElement, [number, number]>();
  for (let i = 0; i < blocks.length; i++) {
    for (let a: DomElement | null = blocks[i]!.el; a && a !== root; a = a.parentElement) {
      const r = range.get(a);
      if (r) r[1] = i;
      else range.set(a, [i, i]);
    }
  }
  const out: Box[] = [];
  for (const [el, [a, b]] of range) {
    const parent = el.parentElement;
    const pr = parent && parent !== root ? range.get(parent) : undefined;
    if (pr && pr[0] === a && pr[1] === b) continue;
    if (a === b && blocks[a]!.el === el) continue;
    // A table's rows and a list's items are parts of one structure, not boxes of their own: the table or the list is.
    if (PART.has(el.localName)) continue;
    let text = 0;
    for (let i = a; i <= b; i++) text += blocks[i]!.text;
    out.push({ el, a, b, text, pa: pr ? pr[0] : 0, pb: pr ? pr[1] : blocks.length - 1 });
  }
  return out;
}

function boxTag(tag: string): number {
  switch (tag) {
    case 'div':
    case 'section':
    case 'article':
    case 'span':
      return 17;
    case 'aside':
    case 'nav':
    case 'footer':
    case 'header':
    case 'form':
      return 18;
    case 'ul':
    case 'ol':
    case 'dl':
      return 19;
    case 'table':
    case 'tbody':
    case 'tr':
      return 20;
    case 'figure':
      return 21;
    case 'blockquote':
      return 22;
  }
  return 23;
}

/** The feature vector of each box of a body: its size and share, its blocks' links and classes, its place, its neighbours, its parent's other text, its tag and its class/id words. */
export function boxFeatures(
  blocks: readonly Block[],
  root: DomElement,
  boxes: readonly Box[],
  buckets: number,
  chances: readonly number[] | null = null,
): Float64Array[] {
  const shapes = blocks.map((k) => shapeOf(k.str));
  const ends = blocks.map((k) => ENDS_SENTENCE.test(k.str));
  let total = 0;
  for (const b of blocks) total += b.text;
  const before = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) before[i + 1] = before[i]! + blocks[i]!.text;
  const names = new Map<DomElement, number[]>();
  const namesOf = (el: DomElement): number[] => {
    let hb = names.get(el);
    if (!hb) {
      hb = nameBuckets(el, buckets);
      names.set(el, hb);
    }
    return hb;
  };
  return boxes.map((box) => {
    const x = new Float64Array(BD + buckets);
    const { a, b, el } = box;
    let links = 0;
    let good = 0;
    let bad = 0;
    let meta = 0;
    let maxText = 0;
    let endCount = 0;
    let punct = 0;
    let words = 0;
    let linkBlocks = 0;
    let goodText = 0;
    let endText = 0;
    let chanceSum = 0;
    let minChance = 1;
    for (let i = a; i <= b; i++) {
      const k = blocks[i]!;
      links += k.links;
      if (k.cls === 'good') {
        good++;
        goodText += k.text;
      } else if (k.cls === 'bad') bad++;
      else if (k.cls === 'meta') meta++;
      if (k.text > maxText) maxText = k.text;
      if (ends[i]) {
        endCount++;
        endText += k.text;
      }
      punct += shapes[i]!.punct;
      words += shapes[i]!.words;
      if (k.text > 0 && k.links / k.text > 0.5) linkBlocks++;
      if (chances) {
        chanceSum += chances[i]! * k.text;
        if (chances[i]! < minChance) minChance = chances[i]!;
      }
    }
    const n = b - a + 1;
    x[0] = 1;
    x[1] = Math.log1p(box.text) / 6;
    x[2] = total > 0 ? box.text / total : 0;
    x[3] = Math.log1p(n) / 3;
    x[4] = box.text > 0 ? links / box.text : 0;
    x[5] = good / n;
    x[6] = bad / n;
    x[7] = meta / n;
    x[8] = Math.log1p(maxText) / 6;
    x[9] = total > 0 ? before[a]! / total : 0;
    x[10] = total > 0 ? (total - before[b + 1]!) / total : 0;
    x[11] = a === 0 ? 1 : 0;
    x[12] = b === blocks.length - 1 ? 1 : 0;
    const prev = blocks[a - 1];
    const next = blocks[b + 1];
    if (prev) {
      x[13] = prev.cls === 'good' ? 1 : 0;
      x[14] = Math.log1p(prev.text) / 6;
    }
    if (next) {
      x[15] = next.cls === 'good' ? 1 : 0;
      x[16] = Math.log1p(next.text) / 6;
    }
    x[boxTag(el.localName)] = 1;
    x[24] = HEADING.test(blocks[a]!.el.localName) ? 1 : 0;
    x[25] = endCount / n;
    x[26] = Math.min(1, punct / Math.max(1, words));
    // The box's own class/id words (its element's and those of the wrappers inside it holding the same run), not its ancestors': those the whole body shares.
    let depth = 0;
    for (let p: DomElement | null = el; p && p !== root; p = p.parentElement) depth++;
    for (const k of namesOf(el)) x[BD + k] = 1;
    // The chain of wrappers inside the box that hold the same run: their words too.
    for (let c = onlyElementChild(el); c && !(a === b && c === blocks[a]!.el); c = onlyElementChild(c))
      for (const k of namesOf(c)) x[BD + k] = 1;
    x[27] = Math.log1p(depth) / 3;
    x[28] = linkBlocks / n;
    // The parent's blocks outside the box: how much prose sits beside it in the same container.
    const parent = el.parentElement;
    let rest = 0;
    let restGood = 0;
    let siblings = 0;
    if (parent) {
      for (let k = parent.firstChild; k; k = k.nextSibling) if (k.nodeType === 1) siblings++;
    }
    for (let i = box.pa; i <= box.pb; i++) {
      if (i === a) i = b;
      else {
        rest += blocks[i]!.text;
        if (blocks[i]!.cls === 'good') restGood += blocks[i]!.text;
      }
    }
    x[29] = Math.log1p(rest) / 8;
    x[30] = rest > 0 ? restGood / rest : 0;
    x[31] = Math.log1p(siblings) / 3;
    x[32] = Math.log1p(total) / 10;
    x[33] = box.text > 0 ? goodText / box.text : 0;
    x[34] = box.text > 0 ? endText / box.text : 0;
    // Siblings of the same tag and class: a box repeated (teasers, picture cards) rather than one of a kind.
    let like = 0;
    if (parent) {
      const cls = el.getAttribute('class') ?? '';
      for (let k = parent.firstChild; k; k = k.nextSibling)
        if (
          k !== el &&
          k.nodeType === 1 &&
          (k as DomElement).localName === el.localName &&
          ((k as DomElement).getAttribute('class') ?? '') === cls
        )
          like++;
    }
    x[35] = Math.log1p(like) / 3;
    x[36] = prev && HEADING.test(prev.el.localName) ? 1 : 0;
    x[37] = chances ? (box.text > 0 ? chanceSum / box.text : 1) : 0;
    x[38] = chances ? minChance : 0;
    return x;
  });
}

function onlyElementChild(el: DomElement): DomElement | null {
  let only: DomElement | null = null;
  for (let k = el.firstChild; k; k = k.nextSibling) {
    if (k.nodeType !== 1) {
      if (k.nodeType === 3 && (k.textContent ?? '').trim()) return null;
      continue;
    }
    if (only) return null;
    only = k as DomElement;
  }
  return only;
}

/** Boxes the box model calls furniture (chance under `threshold`), outermost first, never one over `maxShare` of the body or the whole body. Returns the block runs to drop. */
export function boxesToDrop(
  boxes: readonly Box[],
  chances: readonly number[],
  threshold: number,
  maxShare: number,
  total: number,
  keptBefore: number = -1,
  keptAfter: number = Number.MAX_SAFE_INTEGER,
): Box[] {
  const order = boxes.map((_, i) => i).sort((i, j) => boxes[j]!.b - boxes[j]!.a - (boxes[i]!.b - boxes[i]!.a) || boxes[i]!.a - boxes[j]!.a);
  const out: Box[] = [];
  for (const i of order) {
    const box = boxes[i]!;
    if (chances[i]! >= threshold || box.text > maxShare * total) continue;
    // Inside the body only: a block the stage keeps before it and one after it.
    if (box.a <= keptBefore || box.b >= keptAfter) continue;
    if (out.some((o) => o.a <= box.b && box.a <= o.b)) continue;
    out.push(box);
  }
  return out;
}
