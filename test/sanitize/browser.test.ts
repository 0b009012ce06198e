// Renders the sanitised output of every attack payload (test/sanitize/payloads.ts) on one article
// page in headless Chromium and checks that nothing runs and nothing reaches another host.
// Needs /usr/bin/chromium (Debian package `chromium`); without it the test is skipped, saying why.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeHtml } from '../../src/sanitize/index.js';
import { ATTACKS } from './payloads.js';
import { renderAndWatch } from './browser-harness.js';

test('sanitised attack payloads run nothing in a real browser', async (t) => {
  const r = await renderAndWatch(
    ATTACKS,
    (html, baseUrl) => sanitizeHtml(html, { baseUrl, linkRel: true }),
    'test-output/sanitize-browser.png',
  );
  if (r.skipped !== undefined) {
    t.skip(r.skipped);
    return;
  }
  // The hooks must see an unsanitised payload fire, or they prove nothing.
  assert.deepEqual(r.control, ['alert(control)']);
  assert.deepEqual(r.fired, [], 'a payload ran script');
  assert.deepEqual(r.foreign, [], 'a payload made a request outside the test server');
  assert.deepEqual(r.activeServed, [], 'a payload loaded an active resource');
  assert.equal(r.scriptable, 0, 'the rendered page holds scriptable elements');
  assert.equal(r.sections, ATTACKS.length);
  assert.equal(r.firstLinkHref, `${r.origin}/next`);
});
