// Stage 4e (titled-rails.ts), from the x-rails round of 2026-12-06: a "related stories" box found
// by its shape — a short title line and two or more headlines linked to other pages of the same
// site — where hashed class names and plain <div>s say nothing. Each page here is written for the
// rule, with made-up names; its guards keep source lists, footnotes and link-rich paragraphs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';

const URL_ = 'https://harbour-news.example/2026/12/ferry-strike-ends';

const sentence = (n: number): string =>
  `The ferry workers' union said on day ${n} of the strike that the crossings to the islands would resume on Monday, after the port authority agreed to the new rota.`;

// The box stands between the story's paragraphs, where the edge trims (link lists, sweeps, the
// learned edges) do not reach it.
const page = (box: string): string =>
  `<!doctype html><html lang="en"><head><title>Ferry strike ends</title></head><body><div class="q1Aa"><div class="q2Bb"><h1>Ferry strike ends</h1>
  <div class="q3Cc">${[1, 2, 3, 4].map((n) => `<p>${sentence(n)}</p>`).join('')}${box}${[5, 6].map((n) => `<p>${sentence(n)}</p>`).join('')}</div></div></div></body></html>`;

const text = (box: string, url: string | undefined = URL_): string => extractArticle({ bytes: page(box), url }).text ?? '';

test('a titled box of headlines to other pages of the site goes (hashed classes, a list)', () => {
  const rail =
    '<p class="q4Dd"><strong class="q5Ee">Elsewhere in the port</strong></p><ul class="q6Ff">' +
    '<li class="q7Gg"><a class="q8Hh" href="/2026/11/port-authority-names-new-chief">Port authority names a new chief after months of talks</a></li>' +
    '<li class="q7Gg"><a class="q8Hh" href="https://www.harbour-news.example/2026/10/island-school-reopens">Island school reopens after the summer storms</a></li></ul>';
  const t = text(rail);
  for (let n = 1; n <= 6; n++) assert.ok(t.includes(sentence(n)), t);
  assert.ok(!t.includes('Port authority names a new chief'), t);
  assert.ok(!t.includes('Elsewhere in the port'), t);
});

test('a titled run of linked headlines in sibling blocks goes, title and all (plain <div>s and <h3>s)', () => {
  const rail =
    '<div class="q9Ii"><h2 class="q1Jj">More from the harbour</h2>' +
    '<h3 class="q2Kk"><a href="/2026/11/fish-market-moves">The fish market moves to the old customs house</a></h3>' +
    '<h3 class="q2Kk"><a href="/2026/09/lighthouse-sold">The north lighthouse is sold to a trust</a></h3></div>';
  const t = text(rail);
  assert.ok(t.includes(sentence(6)), t);
  assert.ok(!t.includes('fish market moves') && !t.includes('More from the harbour'), t);
});

test('with no page address, relative links to one site are enough', () => {
  const rail =
    '<p><b>Related</b></p><p><a href="/2026/11/port-authority-names-new-chief">Port authority names a new chief after months of talks</a></p>' +
    '<p><a href="/2026/10/island-school-reopens">Island school reopens after the summer storms</a></p>';
  const t = text(rail, undefined);
  assert.ok(!t.includes('Port authority names a new chief'), t);
});

test('a list of sources on other sites stays', () => {
  const sources =
    '<h2>Sources:</h2><ul><li><a href="https://www.port-authority.example/press/rota-agreement">Port authority: the rota agreement in full</a></li>' +
    '<li><a href="https://union.example/news/strike-called-off">Union statement calling off the strike</a></li></ul>';
  const t = text(sources);
  assert.ok(t.includes('the rota agreement in full') && t.includes('Union statement calling off the strike'), t);
});

test('footnotes linking into the page itself stay', () => {
  const notes =
    `<h3>Notes:</h3><ol><li id="fn1"><a href="${URL_}#ref1">Figures from the port authority annual report, page 12</a></li>` +
    `<li id="fn2"><a href="${URL_}#ref2">Interview with the union secretary, 3 December</a></li></ol>`;
  const t = text(notes);
  assert.ok(t.includes('annual report, page 12') && t.includes('Interview with the union secretary'), t);
});

test('paragraphs rich in links to the same site, after a title, stay', () => {
  const linked =
    '<h2>Background:</h2><p>The strike began after <a href="/2026/10/rota-dispute">the rota dispute</a> in October, when the port authority cut two crossings a day and the union called its members out.</p>' +
    '<p>Islanders had <a href="/2026/11/islanders-protest">protested at the quay</a> for three weekends before the talks, with the school and the doctor\'s surgery cut off.</p>';
  const t = text(linked);
  assert.ok(t.includes('the rota dispute in October') && t.includes('protested at the quay'), t);
});

test('a single linked headline after a title stays (one link is not a box)', () => {
  const one = '<h2>Read more:</h2><p><a href="/2026/11/strike-timeline">A timeline of the ferry strike, week by week</a></p>';
  const t = text(one);
  assert.ok(t.includes('A timeline of the ferry strike'), t);
});
