// Links to the site's other pages set inside the story's paragraphs (link-lines.ts): a paragraph
// of link lines between two paragraphs of prose, and a hover card inside a sentence. Pages
// written for the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { hoverCardOf, isLinkLines, removeLinkLines } from '../../../src/ingest/extract/link-lines.js';

const para = (n: number): string =>
  `<p>Paragraph ${n} of the report on the ferry, in which the crew, the harbour master and the passengers on the morning crossing describe, each in their own words, how the storm closed the port for a week.</p>`;

const box =
  '<p><strong>ELSEWHERE</strong><br><a href="/news/1/bridge-repairs">Bridge repairs to start in May</a><br>' +
  '<a href="/news/2/school-roof">School roof fixed after winter leaks</a><br>' +
  '<a href="/news/3/market-hall">Market hall opens on Sundays</a></p>';

const card =
  '<span><span><img src="/p/mayor.jpg" alt=""><a href="/people/ann-lee">Ann Lee</a>' +
  '<a href="/news/7/budget-vote">Council passes the harbour budget</a> <a href="/news/8/new-pier">New pier plans shown</a>' +
  ' <a href="/people/ann-lee">MORE</a></span></span>';

test('a paragraph of link lines inside the story and a hover card in a sentence go', () => {
  const html = `<!doctype html><html lang="en"><head><title>Storm closes the port</title></head><body>
    <article><h1>Storm closes the port</h1>${para(1)}${para(2)}
      <p>Mayor <span><a href="/people/ann-lee">Ann Lee</a>${card}</span> said the port would reopen on Monday once the channel had been surveyed by divers.</p>
      ${para(3)}${box}${para(4)}${para(5)}</article></body></html>`;
  const t = extractArticle({ bytes: html }).text ?? '';
  assert.ok(t.includes('Paragraph 1 of the report') && t.includes('Paragraph 5 of the report'), t);
  assert.ok(t.includes('Mayor Ann Lee said the port would reopen on Monday'), t);
  assert.ok(!t.includes('Bridge repairs to start'), t);
  assert.ok(!t.includes('ELSEWHERE'), t);
  assert.ok(!t.includes('Council passes the harbour budget'), t);
  assert.ok(!t.includes('New pier plans'), t);
});

function bodyOf(html: string): DomElement {
  return parseDocument(`<!doctype html><html><body>${html}</body></html>`).body as DomElement;
}

const firstP = (html: string): DomElement => bodyOf(html).getElementsByTagName('p')[0] as DomElement;

test('link lines: three lines of links to one site, at most one short label', () => {
  assert.equal(isLinkLines(firstP(box)), true);
  // Two lines are not a box.
  assert.equal(isLinkLines(firstP('<p><a href="/a">First other story here</a><br><a href="/b">Second other story here</a></p>')), false);
  // Sources on many sites are the writer's.
  assert.equal(
    isLinkLines(
      firstP(
        '<p><a href="https://one.example/r">The first report</a><br><a href="https://two.example/r">The second report</a><br><a href="https://three.example/r">The third report</a></p>',
      ),
    ),
    false,
  );
  // A line of prose among them makes it the story's.
  assert.equal(
    isLinkLines(
      firstP(
        `<p><a href="/a">One other story</a><br>The council met on Tuesday evening to hear from residents about the plans for the harbour.<br><a href="/b">Two other story</a><br><a href="/c">Three other story</a></p>`,
      ),
    ),
    false,
  );
  // Links to places on the page are a table of contents, not other pages.
  assert.equal(isLinkLines(firstP('<p><a href="#a">Part one</a><br><a href="#b">Part two</a><br><a href="#c">Part three</a></p>')), false);
});

test('link lines after the story’s last paragraph stay (the writer’s own list)', () => {
  const root = bodyOf(`<div>${para(1)}${para(2)}${box}<p>Posted at 2:24 AM</p></div>`);
  assert.equal(removeLinkLines(root), 0);
  const between = bodyOf(`<div>${para(1)}${box}${para(2)}</div>`);
  assert.equal(removeLinkLines(between), 1);
});

test('hover card: the largest inline element around the picture that is all links, in a paragraph with prose', () => {
  const p = firstP(`<p>Mayor <a href="/people/ann-lee">Ann Lee</a>${card} said the port would reopen on Monday.</p>`);
  const c = hoverCardOf(p.getElementsByTagName('img')[0] as DomElement);
  assert.ok(c);
  assert.equal(c.parentElement, p);
  // A picture with a caption link in a sentence is no card.
  const q = firstP(
    '<p>The new pier, <span><img src="/p/pier.jpg" alt=""><a href="/news/8">shown here</a></span>, will be finished by the autumn of next year.</p>',
  );
  assert.equal(hoverCardOf(q.getElementsByTagName('img')[0] as DomElement), null);
  // A card that is the whole paragraph: no prose beside it, left to the other stages.
  const r = firstP(`<p>${card}</p>`);
  assert.equal(hoverCardOf(r.getElementsByTagName('img')[0] as DomElement), null);
});

test('hover card: the portrait may be a link to the person’s page or a <picture>; a linked picture in a sentence is no card', () => {
  const cardWith = (portrait: string): string =>
    `<span>${portrait}<a href="/people/tom-ash">Tom Ash</a><a href="/news/11/tram-line">Tram line extended to the airport</a> ` +
    '<a href="/news/12/ferry-fares">Ferry fares frozen for a year</a> <a href="/people/tom-ash">MORE</a></span>';
  const sentence = (c: string): string =>
    `<p>Councillor <a href="/people/tom-ash">Tom Ash</a>${c} said the ferry timetable would be published before the summer holidays.</p>`;
  for (const portrait of [
    '<a href="/people/tom-ash"><img src="/p/ash.jpg" alt=""></a>',
    '<picture><source srcset="/p/ash.webp"><img src="/p/ash.jpg" alt=""></picture>',
    '<a href="/people/tom-ash"><picture><img src="/p/ash.jpg" alt=""></picture></a>',
  ]) {
    const p = firstP(sentence(cardWith(portrait)));
    const c = hoverCardOf(p.getElementsByTagName('img')[0] as DomElement);
    assert.ok(c, portrait);
    assert.equal(c.parentElement, p, portrait);
    const html = `<!doctype html><html lang="en"><head><title>Ferry timetable</title></head><body><article><h1>Ferry timetable</h1>${para(1)}${para(2)}${sentence(cardWith(portrait))}${para(3)}</article></body></html>`;
    const t = extractArticle({ bytes: html }).text ?? '';
    assert.ok(t.includes('Councillor Tom Ash said the ferry timetable'), t);
    assert.ok(!t.includes('Tram line extended'), t);
  }
  // A picture that is a link, set straight in the sentence (no inline card around it), stays.
  const q = firstP(
    '<p>The new tram, <a href="/news/11"><img src="/p/tram.jpg" alt=""></a> <a href="/news/12">here</a> and <a href="/news/13">here</a>, runs every ten minutes from May onwards.</p>',
  );
  assert.equal(hoverCardOf(q.getElementsByTagName('img')[0] as DomElement), null);
});
