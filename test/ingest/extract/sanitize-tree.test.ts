// sanitizedChildren reads the body's tree instead of its serialised markup; its answer must be
// sanitizeHtml's on that markup, for every tree: random markup (broken nesting, stray end tags,
// attributes of every kind, references, raw-text and void elements, forms, foreign content),
// then changed the way Readability and the stages change trees (elements created in upper case,
// nodes moved and removed, attributes set, text added).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomElement, DomNode } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { sanitizedChildren } from '../../../src/ingest/extract/sanitize-tree.js';
import { sanitizeHtml } from '../../../src/sanitize/index.js';
import { rng, pick } from '../../helpers/seeded-random.js';

const TAGS = [
  'p',
  'div',
  'span',
  'a',
  'em',
  'pre',
  'br',
  'img',
  'hr',
  'td',
  'th',
  'tr',
  'table',
  'tbody',
  'li',
  'ul',
  'ol',
  'h2',
  'h3',
  'figure',
  'figcaption',
  'blockquote',
  'section',
  'code',
  'b',
  'form',
  'input',
  'button',
  'select',
  'option',
  'iframe',
  'noscript',
  'textarea',
  'title',
  'xmp',
  'svg',
  'math',
  'template',
  'image',
  'video',
  'source',
  'dl',
  'dt',
  'dd',
  'DIV',
  'P',
  'Span',
  'my-widget',
  'menuitem',
  'command',
  'frame',
  'object',
  'embed',
  'iframe',
];
const TEXTS = [
  'harbour',
  ' ',
  '\n',
  'a&amp;b',
  '1&lt;2',
  '&#160;',
  '\u00a0',
  // A NUL, which the sanitiser's escaping drops: never sent as a plain run (x-speed, 2026-12-06).
  'a\u0000b',
  'x > y',
  '"q"',
  "it's",
  '&copy;',
  '&#x26;',
  'مرفأ',
  '&bogus;',
  '\t',
];
const ATTRS = [
  'href="/x?a=1&amp;b=2"',
  'href="javascript:alert(1)"',
  'src="/img.jpg"',
  'src="data:image/gif;base64,R0"',
  'data-src="/lazy.jpg"',
  'srcset="/a.jpg 1x, /b.jpg 2x"',
  'title="a &quot;b&quot; <c>"',
  'title=\'single "dq"\'',
  'class=""',
  'class="x y"',
  'id=""',
  'id="a"',
  'style="color: red; background: url(javascript:x)"',
  'style=""',
  'hidden',
  'width="1" height="1"',
  'HREF="/upper"',
  'href="/first" href="/second"',
  'onclick="x()"',
  'lang="en"',
  'dir="rtl"',
  'alt="&lt;alt&gt;"',
  'data-x="&amp;amp;"',
  'colspan="2"',
  '<em',
  '=odd',
  '"quoted"',
  'a"b="c"',
  ':href="v"',
  '@click="f"',
  'controls',
  'cite="http://e.example/"',
];

function text(r: () => number): string {
  let s = '';
  const n = Math.floor(r() * 5);
  for (let i = 0; i < n; i++) s += pick(r, TEXTS);
  return s;
}

function markup(r: () => number, depth: number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.35 || depth > 5) {
      s += text(r);
      continue;
    }
    if (roll < 0.38) {
      s += pick(r, ['</p>', '</div>', '</br>', '<!-- c -->', '</li>', '<p>', '<li>', '<a href="/open">']);
      continue;
    }
    const tag = pick(r, TAGS);
    const attrs = r() < 0.5 ? '' : ` ${pick(r, ATTRS)}${r() < 0.3 ? ` ${pick(r, ATTRS)}` : ''}`;
    if (r() < 0.1) s += `<${tag}${attrs}>`;
    else s += `<${tag}${attrs}>${markup(r, depth + 1)}</${tag}>`;
  }
  return s;
}

type Tree = DomElement & { contains(other: DomNode): boolean; firstElementChild: DomElement | null };

function allElements(root: DomElement): DomElement[] {
  return Array.from(root.querySelectorAll('*'));
}

/** Changes the tree the way Readability and the stages do. */
function mutate(r: () => number, body: DomElement): void {
  const doc = body.ownerDocument!;
  for (let k = 0; k < 4; k++) {
    const els = allElements(body);
    const el = els.length > 0 ? pick(r, els) : body;
    const roll = r();
    if (roll < 0.2) {
      const made = doc.createElement(pick(r, ['DIV', 'P', 'div', 'span', 'br', 'img', 'li']));
      made.appendChild(doc.createTextNode(text(r)));
      el.appendChild(made);
    } else if (roll < 0.35) {
      if (el !== body) el.remove();
    } else if (roll < 0.5) {
      el.setAttribute(pick(r, ['class', 'href', 'src', 'title', 'data-x', 'style']), pick(r, ['', 'a"b', '/p?q=1&r=2', 'x < y & z']));
    } else if (roll < 0.6) {
      el.appendChild(doc.createTextNode(text(r)));
    } else if (roll < 0.75) {
      // Readability wraps runs of phrasing content in a new <p>; stages move nodes up.
      const other = els.length > 0 ? pick(r, els) : body;
      if (other !== el && !(el as Tree).contains(other) && !(other as Tree).contains(el)) other.appendChild(el);
    } else if (roll < 0.85) {
      el.removeAttribute(pick(r, ['class', 'id', 'href', 'style']));
    } else if (el !== body) {
      // A renamed element, as Readability's _setNodeTag makes it.
      const renamed = doc.createElement(pick(r, ['DIV', 'P', 'SPAN']));
      while (el.firstChild) renamed.appendChild(el.firstChild);
      el.parentNode?.replaceChild(renamed, el);
    }
  }
}

function check(body: DomElement, label: string): void {
  for (const baseUrl of [undefined, 'https://news.example/a/b.html']) {
    const html = body.innerHTML;
    const want = html ? sanitizeHtml(html, { baseUrl }) : null;
    assert.equal(sanitizedChildren(body, { baseUrl }), want, `${label}\n${html}`);
  }
}

test('sanitizedChildren gives sanitizeHtml(innerHTML) on random markup, as parsed and after the tree is changed', () => {
  const r = rng(41);
  for (let i = 0; i < 600; i++) {
    const doc = parseDocument(`<html><head><title>t</title></head><body><article>${markup(r, 0)}</article></body></html>`);
    const body = doc.body as DomElement;
    const root = (body as Tree).firstElementChild ?? body;
    check(root, `page ${i} as parsed`);
    check(body, `page ${i} body`);
    mutate(r, root);
    check(root, `page ${i} changed`);
    for (const el of allElements(root).slice(0, 3)) check(el, `page ${i} inner`);
  }
});

test('sanitizedChildren: no markup gives null, text alone its escaped text, and the shapes it leaves to the string path still agree', () => {
  const doc = parseDocument(
    '<html><body><div id="empty"></div><div id="text">a &amp; b &gt; c\u00a0d</div><p id="p">x<div>in p</div>y</p></body></html>',
  );
  const byId = (id: string): DomElement => doc.querySelector(`#${id}`) as DomElement;
  assert.equal(sanitizedChildren(byId('empty'), {}), null);
  byId('empty').appendChild(doc.createTextNode(''));
  assert.equal(sanitizedChildren(byId('empty'), {}), null);
  check(byId('text'), 'text');
  check(doc.body as DomElement, 'div in p');
  const p = doc.createElement('P');
  const li = doc.createElement('li');
  li.appendChild(doc.createElement('li'));
  p.appendChild(li);
  const img = doc.createElement('img');
  img.appendChild(doc.createTextNode('child of a void element'));
  p.appendChild(img);
  (doc.body as DomElement).appendChild(p as DomNode);
  check(doc.body as DomElement, 'made shapes');
});
