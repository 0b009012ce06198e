// Plain text of extracted content: one paragraph per block, paragraphs separated by a blank
// line, line breaks kept inside a paragraph, whitespace collapsed except in <pre>.
import type { DomElement, DomNode } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE } from './dom.js';

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

type Frame = { node: DomNode; exit: boolean };

/** The text of `root`, paragraphs separated by "\n\n". */
export function blockText(root: DomNode): string {
  const paras: string[] = [];
  let cur = '';
  let preDepth = 0;
  const flush = (): void => {
    const lines = cur
      .split('\n')
      .map((l) => l.replace(/[ \t\f\r\u00a0]+/g, ' ').trim())
      .filter((l) => l.length > 0);
    if (lines.length > 0) paras.push(lines.join('\n'));
    cur = '';
  };
  const stack: Frame[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop() as Frame;
    if (node.nodeType === TEXT_NODE) {
      const t = node.textContent ?? '';
      if (preDepth > 0) cur += t.replace(/ /g, PRE_SPACE).replace(/\t/g, PRE_TAB);
      else cur += t.replace(/\s+/g, ' ');
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const tag = (node as DomElement).localName;
    if (exit) {
      if (tag === 'pre') preDepth--;
      if (BLOCK.has(tag) && !CELL.has(tag)) flush();
      else if (CELL.has(tag)) cur += '\t';
      continue;
    }
    if (SKIP.has(tag)) continue;
    if (tag === 'br') {
      cur += '\n';
      continue;
    }
    if (BLOCK.has(tag) && !CELL.has(tag)) flush();
    if (tag === 'pre') preDepth++;
    stack.push({ node, exit: true });
    // firstChild/nextSibling rather than childNodes: linkedom builds a fresh array per childNodes.
    const kids: DomNode[] = [];
    for (let k = node.firstChild; k; k = k.nextSibling) kids.push(k);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, exit: false });
  }
  flush();
  return paras.join('\n\n').replace(PRE_SPACE_RE, ' ').replace(PRE_TAB_RE, '\t');
}
