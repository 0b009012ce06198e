// Runs DOMPurify's test fixtures (../shared/corpora/dompurify-fixtures/fixtures.json, or the path
// given) through our sanitiser and counts outputs with executable remnants (src/sanitize/executable.ts).
// With --browser, also renders all of them on one article page in headless Chromium with the
// alert/dialog/network hooks of test/sanitize/browser-harness.ts.
// Usage: npx tsx scripts/sanitize-fixtures.ts [--browser] [--show N] [fixtures.json]
import { readFileSync } from 'node:fs';
import { sanitizeHtml } from '../src/sanitize/index.js';
import { findExecutable } from '../src/sanitize/executable.js';
import { renderAndWatch } from '../test/sanitize/browser-harness.js';

const args = process.argv.slice(2);
const browser = args.includes('--browser');
const showIdx = args.indexOf('--show');
const show = showIdx >= 0 ? Number(args[showIdx + 1]) : 10;
const path = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--show') ?? '../shared/corpora/dompurify-fixtures/fixtures.json';

interface Fixture {
  title: string;
  payload: string;
}
const fixtures = JSON.parse(readFileSync(path, 'utf8')) as Fixture[];
let unsafe = 0;
for (const f of fixtures) {
  const out = sanitizeHtml(f.payload, { baseUrl: 'https://example.org/article/' });
  const found = findExecutable(out);
  if (found.length > 0) {
    unsafe++;
    if (unsafe <= show)
      console.log(`UNSAFE ${f.title}\n  in:  ${f.payload.slice(0, 200)}\n  out: ${out.slice(0, 200)}\n  why: ${found.join('; ')}`);
  }
}
console.log(`dompurify-fixtures: ${fixtures.length} payloads, ${unsafe} outputs with executable content`);

if (browser) {
  const r = await renderAndWatch(
    fixtures.map((f) => ({ name: f.title, html: f.payload })),
    (html, baseUrl) => sanitizeHtml(html, { baseUrl }),
    'test-output/sanitize-fixtures-browser.png',
  );
  if (r.skipped !== undefined) {
    console.log(`browser: skipped (${r.skipped})`);
  } else {
    console.log(`browser: ${r.sections} fixtures rendered; control fired: ${r.control.join(',') || 'NOTHING (hooks broken)'}`);
    console.log(`browser: script ran ${r.fired.length}x ${JSON.stringify(r.fired.slice(0, 10))}; scriptable elements ${r.scriptable}`);
    console.log(
      `browser: requests to other hosts ${r.foreign.length} ${JSON.stringify(r.foreign.slice(0, 10))} (aborted; plain image URLs in fixtures are not execution)`,
    );
    console.log(`browser: /evil* resources served ${r.activeServed.length}`);
    if (r.fired.length > 0 || r.scriptable > 0 || r.control.length === 0) process.exitCode = 1;
  }
}
if (unsafe > 0) process.exitCode = 1;
