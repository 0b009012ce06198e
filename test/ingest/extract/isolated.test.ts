import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExtractMemoryError, ExtractTimeoutError, IsolatedExtractor } from '../../../src/ingest/extract/isolated.js';
import { fixture } from './helpers.js';

test('pages are extracted in a reusable worker', async () => {
  // A generous limit: a loaded test machine must not turn this into a timeout test.
  const ex = new IsolatedExtractor({ hardLimitMs: 120_000 });
  try {
    const a = await ex.extract(fixture('article.html'), 'https://courier.example/a');
    const b = await ex.extract(fixture('paywall.html'), 'https://ledger.example/b');
    assert.equal(a.title, 'Harbour council approves new ferry link');
    assert.equal(a.leadImage, 'https://courier.example/img/ferry.jpg');
    assert.equal(b.byline, 'Sam Okafor');
  } finally {
    await ex.close();
  }
});

test('a page past the hard limit is abandoned with a timeout error', async () => {
  // One millisecond is less than a worker needs to start, so the limit always trips.
  const ex = new IsolatedExtractor({ hardLimitMs: 1 });
  try {
    await assert.rejects(ex.extract(fixture('article.html')), (err: unknown) => {
      assert.ok(err instanceof ExtractTimeoutError);
      assert.match(err.message, /longer than 1 ms; page abandoned/);
      return true;
    });
  } finally {
    await ex.close();
  }
});

test('a page that needs more heap than the cap gets an error, not a crash, and the next page works', async () => {
  // Memory goes with the number of nodes, not the bytes (the page is cut to MAX_HTML_CHARS before
  // parsing): markup dense with small elements. This page needs between 128 and 192 MB (measured
  // 2026-12-04, twice the cap and more); plain paragraphs of prose fit in 64 MB since extraction
  // stopped making linkedom's per-node listener tables.
  const para = '<p>Words <i><b>of</b></i> a <span><a href="/x">paragraph</a></span>, with <em>commas</em>.</p>\n';
  const big = Buffer.from(`<html><body><article>${para.repeat(200_000)}</article></body></html>`);
  const ex = new IsolatedExtractor({ maxHeapMb: 64, hardLimitMs: 120_000 });
  try {
    // Load the extractor's modules first, so the cap is met by the page, not by start-up.
    assert.equal((await ex.extract(fixture('paywall.html'))).byline, 'Sam Okafor');
    await assert.rejects(
      ex.extract(big),
      (err: unknown) => err instanceof ExtractMemoryError && /needed more than 64 MB of memory/.test(err.message),
    );
    assert.equal((await ex.extract(fixture('article.html'))).byline, 'Mara Lindqvist');
  } finally {
    await ex.close();
  }
});
