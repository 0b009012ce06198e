// absoluteUrl without a base answers null, without trying to parse, for what cannot parse without
// one (speed round of 2026-12-04, late): it must answer what the parse would, on any string.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absoluteUrl } from '../../../src/ingest/extract/metadata.js';

function parsed(href: string, base: string | undefined): string | null {
  const h = href.trim();
  if (!h || /^(?:javascript|data|vbscript):/i.test(h)) return null;
  try {
    return new URL(h, base).href;
  } catch {
    return null;
  }
}

const PARTS = [
  'h',
  'ttp',
  's',
  ':',
  '//',
  '/',
  'a.example',
  'x',
  '1',
  '+',
  '-',
  '.',
  '#',
  '?',
  ' ',
  '\t',
  '\n',
  '\u0001',
  '\u00a0',
  'é',
  '%3A',
  'mailto',
  'C',
  '\\',
];

test('absoluteUrl answers what parsing answers, with and without a base', () => {
  let s = 5;
  const r = (): number => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const hrefs = [
    '/img/a.jpg',
    'img/a.jpg',
    'https://a.example/x',
    '//a.example/x',
    'mailto:a@b.c',
    ' \u0001https://a.example',
    'h\tttps://a.example',
    '1http://x',
    'urn:isbn:1',
  ];
  for (let k = 0; k < 4000; k++) {
    let h = '';
    for (let i = Math.floor(r() * 7); i > 0; i--) h += PARTS[Math.floor(r() * PARTS.length)];
    hrefs.push(h);
  }
  let parsedWithout = 0;
  for (const h of hrefs) {
    assert.equal(absoluteUrl(h, undefined), parsed(h, undefined), JSON.stringify(h));
    assert.equal(absoluteUrl(h, 'https://b.example/news/'), parsed(h, 'https://b.example/news/'), JSON.stringify(h));
    if (parsed(h, undefined) !== null) parsedWithout++;
  }
  assert.ok(parsedWithout > 20, `strings that parse without a base: ${parsedWithout}`);
});
