// Plain text of extracted content: one paragraph per block, paragraphs separated by a blank
// line, line breaks kept inside a paragraph, whitespace collapsed except in <pre>.
import type { DomElement, DomNode } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE } from './dom.js';
import { squeeze } from './squeeze.js';
import { descendants } from './walk.js';

const BLOCK = new Set(
  (
    'address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure ' +
    'footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table tbody ' +
    'thead tfoot tr td th ul caption html legend option'
  ).split(' '),
);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'button', 'select', 'textarea']);
// Table cells sit side by side: a tab keeps their words apart without making each one a paragraph.
const CELL = new Set(['td', 'th']);

// Whitespace inside <pre> is stood in for by private-use characters to survive the collapsing.
const PRE_SPACE = '\ue000';
const PRE_TAB = '\ue001';
const PRE_SPACE_RE = /\ue000/g;
const PRE_TAB_RE = /\ue001/g;

/** An element whose subtree is being read: `exit` when leaving it ends a paragraph or cell. */
type Open = { el: DomNode; exit: boolean; ignore: boolean };

/** The text of `root`, paragraphs separated by "\n\n". */
export function blockText(root: DomNode): string {
  const paras: string[] = [];
  // A paragraph is gathered as written and squeezed once when it ends: outside <pre>, every run
  // of white space becomes one space, within a text node or across nodes alike, so one pass over
  // the paragraph gives what squeezing each node and then the joined runs gave, at a fraction of
  // the regex work. `lines` holds the lines a <br> ended. A paragraph with <pre> text in it is
  // gathered the exact way (`cur`: each node squeezed as it comes, <pre> white space stood in
  // for, lines split at "\n") from its first <pre> text on; what came before is squeezed then.
  let raw = '';
  let lines: string[] | null = null;
  let exact = false;
  let cur = '';
  let preDepth = 0;
  const toExact = (): void => {
    cur = lines === null ? squeeze(raw) : `${lines.map(squeeze).join('\n')}\n${squeeze(raw)}`;
    raw = '';
    lines = null;
    exact = true;
  };
  const flush = (): void => {
    if (exact) {
      // Most paragraphs are one line: no split and rejoin for them.
      if (!cur.includes('\n')) {
        const line = cur.replace(/[ \t\f\r\u00a0]+/g, ' ').trim();
        if (line.length > 0) paras.push(line);
      } else {
        const kept = cur
          .split('\n')
          .map((l) => l.replace(/[ \t\f\r\u00a0]+/g, ' ').trim())
          .filter((l) => l.length > 0);
        if (kept.length > 0) paras.push(kept.join('\n'));
      }
      cur = '';
      exact = false;
      return;
    }
    if (lines === null) {
      if (raw.length > 0) {
        const line = squeeze(raw).trim();
        if (line.length > 0) paras.push(line);
      }
    } else {
      lines.push(raw);
      const kept: string[] = [];
      for (const l of lines) {
        const t = squeeze(l).trim();
        if (t.length > 0) kept.push(t);
      }
      if (kept.length > 0) paras.push(kept.join('\n'));
      lines = null;
    }
    raw = '';
  };
  const lineBreak = (): void => {
    if (exact) cur += '\n';
    else {
      if (lines === null) lines = [];
      lines.push(raw);
      raw = '';
    }
  };
  // One flat pass over the subtree in document order (see walk.ts). The elements still open are
  // kept on a stack: a node whose parent is not on top closes the elements above its parent.
  const open: Open[] = [];
  let ignored = 0; // open elements whose contents are not read (SKIP, <br>)
  const close = (o: Open): void => {
    if (o.ignore) ignored--;
    if (!o.exit) return;
    const tag = (o.el as DomElement).localName;
    if (tag === 'pre') preDepth--;
    if (BLOCK.has(tag) && !CELL.has(tag)) flush();
    else if (CELL.has(tag)) {
      if (exact) cur += '\t';
      else raw += '\t';
    }
  };
  const visit = (node: DomNode): void => {
    if (node.nodeType === TEXT_NODE) {
      if (ignored > 0) return;
      const t = node.textContent ?? '';
      if (preDepth > 0) {
        if (!exact) toExact();
        cur += t.replace(/ /g, PRE_SPACE).replace(/\t/g, PRE_TAB);
      } else if (exact) cur += squeeze(t);
      else raw += t;
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    if (ignored > 0) {
      open.push({ el: node, exit: false, ignore: false });
      return;
    }
    const tag = (node as DomElement).localName;
    if (SKIP.has(tag) || tag === 'br') {
      if (tag === 'br') lineBreak();
      ignored++;
      open.push({ el: node, exit: false, ignore: true });
      return;
    }
    if (BLOCK.has(tag) && !CELL.has(tag)) flush();
    if (tag === 'pre') preDepth++;
    open.push({ el: node, exit: true, ignore: false });
  };
  visit(root);
  if (root.nodeType === ELEMENT_NODE) {
    for (const node of descendants(root, 'both')) {
      while (open.length > 0 && open[open.length - 1]!.el !== node.parentNode) close(open.pop() as Open);
      visit(node);
    }
  }
  while (open.length > 0) close(open.pop() as Open);
  flush();
  return paras.join('\n\n').replace(PRE_SPACE_RE, ' ').replace(PRE_TAB_RE, '\t');
}
