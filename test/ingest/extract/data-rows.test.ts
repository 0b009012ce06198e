// Stage 4's sweeps (trim.ts with data-rows.ts), from the broad-set round of 2026-12-05 afternoon
// (x-broad3): a table of data above the text — an ingredients list whose product names are links —
// is not navigation; its linked cells stay with their rows. A row linked in every cell, and a
// calendar's linked days beside plain numbers, are still swept. Each test builds its own small page,
// written for the rule, not taken from a data set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trimEdges } from '../../../src/ingest/extract/trim.js';
import { type DomElement, parseDocument } from '../../../src/ingest/extract/dom.js';
import { isDataCell } from '../../../src/ingest/extract/data-rows.js';

const words = ['batter', 'plums', 'oven', 'crumble', 'glaze'];
const step = (n: number): string =>
  `<p>Step ${n}: work the ${words[n - 1]} slowly with a wooden spoon until it is smooth, then let it rest under a cloth for ${n * 5} minutes.</p>`;

const row = (amount: string, name: string): string => `<tr><td>${amount}</td><td>${name}</td></tr>`;

/** The chosen body of a recipe page: the ingredients table above the steps. */
const body = (rows: string): DomElement =>
  parseDocument(`<html><body><div id="b"><h3>Dough:</h3><table><tbody>${rows}</tbody></table>
    <h2>Preparation</h2>${[1, 2, 3, 4, 5].map(step).join('')}</div></body></html>`).querySelector('#b') as DomElement;

test('linked product names in an ingredients table above the text stay with their amounts', () => {
  const rows = [
    row('250 g', 'flour'),
    row('1 pack', '<a href="/products/dry-yeast">Mill Brand dry yeast</a>'),
    row('50 g', 'sugar'),
    row('1 pack', '<a href="/products/vanilla-sugar">Mill Brand vanilla sugar</a>'),
    row('2', 'eggs'),
  ].join('');
  const root = body(rows);
  trimEdges(root, 'Plum cake');
  const text = root.textContent ?? '';
  assert.ok(text.includes('Step 1:') && text.includes('250 g'), text);
  assert.ok(text.includes('Mill Brand dry yeast') && text.includes('Mill Brand vanilla sugar'), text);
  assert.ok(text.includes('50 g') && text.includes('sugar'), text);
});

test('a navigation table above the text, every cell a link, is still swept', () => {
  const nav = (a: string, b: string): string => row(`<a href="/${a}">${a}</a>`, `<a href="/${b}">${b}</a>`);
  const root = body([nav('Home', 'News'), '<tr><td>Menu</td></tr>', nav('Sport', 'Weather')].join(''));
  trimEdges(root, 'Plum cake');
  const text = root.textContent ?? '';
  assert.ok(text.includes('Step 1:'), text);
  assert.ok(!text.includes('Weather') && !text.includes('Home'), text);
});

test('a data cell needs a row with words outside links beside it', () => {
  const doc = parseDocument(`<html><body><table><tbody>
    <tr><td id="a">50 g</td><td><a href="/x" id="b">sugar</a></td></tr>
    <tr><td><a href="/y" id="c">Home</a></td><td><a href="/z">News</a></td></tr>
    <tr><td>28</td><td><a href="/day-29" id="d">29</a></td><td>30</td></tr>
    <tr><td><a href="/w" id="e">alone</a></td></tr></tbody></table></body></html>`);
  const cell = (id: string): DomElement => doc.querySelector(`#${id}`)?.parentElement as DomElement;
  assert.equal(isDataCell(cell('b')), true);
  assert.equal(isDataCell(cell('c')), false);
  assert.equal(isDataCell(cell('d')), false);
  assert.equal(isDataCell(cell('e')), false);
  assert.equal(isDataCell(doc.querySelector('#a') as DomElement), false);
});
