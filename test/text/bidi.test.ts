// closeBidi: an embedding or override a feed leaves open ends where the text ends, so joining it
// into one line (the page <title>, a feed's title) cannot reorder what follows. The night probe of
// 2026-12-04 (docs/security.md) saw an unclosed RLO in a source name reverse " · Newsdesk".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closeBidi, isolateText } from '../../src/text/bidi.js';
import { html } from '../../src/web/html.js';
import { layout } from '../../src/web/layout.js';

const LRE = '\u202a';
const RLE = '\u202b';
const PDF = '\u202c';
const RLO = '\u202e';
const RLI = '\u2067';
const PDI = '\u2069';

test('text without bidi controls, or with balanced ones, comes back unchanged', () => {
  for (const s of ['', 'Camp Ashraf', 'سازمان مجاهدین خلق', `a ${RLE}b${PDF} c ${RLI}d${PDI}`, `${RLI}${LRE}x${PDF}${PDI}`])
    assert.equal(closeBidi(s), s);
});

test('what the text opens is closed at its end, innermost first', () => {
  assert.equal(closeBidi(`name ${RLO}reversed`), `name ${RLO}reversed${PDF}`);
  assert.equal(closeBidi(`${RLI}a${RLO}b`), `${RLI}a${RLO}b${PDF}${PDI}`);
  assert.equal(closeBidi(`${RLO}a${RLI}b`), `${RLO}a${RLI}b${PDI}${PDF}`);
});

test('closers that match nothing are dropped; a PDF cannot close what lies outside an isolate', () => {
  assert.equal(closeBidi(`a${PDF}b${PDI}c`), 'abc');
  assert.equal(closeBidi(`${RLO}a${RLI}b${PDF}c`), `${RLO}a${RLI}bc${PDI}${PDF}`);
});

test('a PDI ends the embeddings opened inside its isolate', () => {
  assert.equal(closeBidi(`${RLI}a${RLO}b${PDI}c`), `${RLI}a${RLO}b${PDF}${PDI}c`);
});

test('the page title and feed link titles keep " · Newsdesk" out of a name\'s override', () => {
  const page = String(
    layout({
      title: `Wire ${RLO}evil`,
      current: 'all',
      main: html``,
      feeds: { title: `Wire ${RLO}evil`, rss: '/r', atom: '/a', json: '/j' },
    }),
  );
  assert.ok(page.includes(`<title>Wire ${RLO}evil${PDF} · Newsdesk</title>`), 'title not closed');
  assert.ok(page.includes(`title="Wire ${RLO}evil${PDF} (RSS)"`), 'feed link title not closed');
});

test('isolateText: a name set into a sentence is first-strong isolated, its own overrides closed inside the isolate', () => {
  const FSI = '\u2068';
  assert.equal(isolateText('Wire (UK)'), `${FSI}Wire (UK)${PDI}`);
  assert.equal(isolateText(`Wire ${RLO}gnp.exe`), `${FSI}Wire ${RLO}gnp.exe${PDF}${PDI}`);
  // A stray closer in the name cannot end the isolate early.
  assert.equal(isolateText(`a${PDI}b`), `${FSI}ab${PDI}`);
  assert.equal(isolateText(''), '');
});
