// Seeded fuzzing: random splices of our attack payloads and parser-confusing fragments. Every
// output must be free of executable content and a fixed point of the sanitiser (sanitising it
// again changes nothing), which is what "well-formed" means for a browser re-reading it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeHtml } from '../../src/sanitize/index.js';
import { findExecutable } from '../../src/sanitize/executable.js';
import { ATTACKS } from './payloads.js';

const FRAGMENTS = [
  '<',
  '>',
  '"',
  "'",
  '</',
  '<!--',
  '-->',
  '--!>',
  '<![CDATA[',
  ']]>',
  '<svg>',
  '<math>',
  '<mtext>',
  '<style>',
  '</style>',
  '<noscript>',
  '</noscript>',
  '<textarea>',
  '<title>',
  '<xmp>',
  '<table>',
  '<select>',
  '<template>',
  '<iframe>',
  '</iframe>',
  ' onerror=alert(1) ',
  'javascript:alert(1)',
  '&lt;',
  '&#60;',
  '=',
  '/',
  '<a href=',
  '<img src=x ',
  '\u0000',
  '<p title="',
  '</p>',
  '<form>',
  '</form>',
  '&#x6a;ava',
  'script:',
  '<script>',
  '</script>',
  '<!DOCTYPE html>',
  '<?x ?>',
];

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

test('random splices of payloads and fragments: no executable output, and a fixed point', () => {
  const r = rng(20241128);
  const base = { baseUrl: 'https://news.example.com/a/' };
  for (let i = 0; i < 4000; i++) {
    let html = '';
    const parts = 1 + Math.floor(r() * 6);
    for (let k = 0; k < parts; k++) {
      if (r() < 0.5) {
        const p = ATTACKS[Math.floor(r() * ATTACKS.length)]!.html;
        const a = Math.floor(r() * p.length);
        html += r() < 0.5 ? p : p.slice(a, a + Math.floor(r() * (p.length - a + 1)));
      } else {
        html += FRAGMENTS[Math.floor(r() * FRAGMENTS.length)];
      }
    }
    const out = sanitizeHtml(html, base);
    assert.deepEqual(findExecutable(out), [], `input ${JSON.stringify(html)} gave ${out}`);
    assert.equal(sanitizeHtml(out, base), out, `not a fixed point: ${JSON.stringify(html)}`);
  }
});
