// Pages given without their address (speed round of 2026-12-04, late): absoluteUrl answers null,
// without trying to parse, for what cannot parse without a base, and Readability's address fixing,
// where every parse throws, records no stack traces. Both must answer what they did before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Readability } from '@mozilla/readability';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { absoluteUrl } from '../../../src/ingest/extract/metadata.js';
import { tuneForLinkedom } from '../../../src/ingest/extract/readability-linkedom.js';

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

test("Readability's addresses come out the same from a tuned instance, with and without the page's address", () => {
  const para = (i: number): string =>
    `<p>Paragraph ${i} of the story, long enough to be read as prose by the scorer, with a <a href="/topic/${i}">relative link</a>, ` +
    `an <a href="https://a.example/x/${i}">absolute one</a>, a <a href="#note${i}">note</a> and a <a href="javascript:void(0)">script link</a>.</p>` +
    `<img src="img/${i}.jpg" srcset="img/${i}-2x.jpg 2x, https://a.example/${i}.jpg 3x">`;
  const html = `<html><head><title>Harbour plan</title></head><body><article>${Array.from({ length: 8 }, (_, i) => para(i)).join('')}</article></body></html>`;
  for (const address of [null, 'https://news.example/harbour/plan.html']) {
    const page = () => {
      const doc = parseDocument(html);
      if (address) {
        Object.defineProperty(doc, 'baseURI', { value: address, configurable: true });
        Object.defineProperty(doc, 'documentURI', { value: address, configurable: true });
      }
      return doc as never;
    };
    const plain = new Readability(page()).parse();
    const tuned = new Readability(page());
    tuneForLinkedom(tuned);
    const limit = Error.stackTraceLimit;
    const out = tuned.parse();
    assert.equal(Error.stackTraceLimit, limit, 'the stack trace limit is restored');
    assert.ok((plain?.content ?? '').includes(address ? 'https://news.example/topic/3' : 'href="/topic/3"'), String(address));
    assert.equal(out?.content, plain?.content, String(address));
  }
});
