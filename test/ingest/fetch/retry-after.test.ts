// Retry-After (RFC 9110 section 10.2.3): delta-seconds or an HTTP-date in one of its three forms.
// V8's Date.parse reads almost anything as a date, so "Retry 2099" held a host for the longest
// hold and a source for the longest server delay; garbage is now no value (the usual backoff).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRetryAfter } from '../../../src/ingest/fetch/index.js';

describe('Retry-After', () => {
  const now = Date.parse('2026-12-07T17:00:00Z');
  it('seconds and the three HTTP-date forms; a past date is now', () => {
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Tue, 08 Dec 2026 17:00:00 GMT', now), 86_400_000);
    assert.equal(parseRetryAfter('Tuesday, 08-Dec-26 17:00:00 GMT', now), 86_400_000);
    assert.equal(parseRetryAfter('Tue Dec  8 17:00:00 2026', now), 86_400_000);
    assert.equal(parseRetryAfter('Mon, 07 Dec 2025 17:00:00 GMT', now), 0);
  });
  it('garbage is no date (V8 reads "Retry 2099" as the year 2099, "1.5" as a January day)', () => {
    for (const v of ['Retry 2099', 'soon 2030', '1.5', '-5', 'foo 12', 'Dec 25 2099', '2099-01-01', 'Tue, 08 Dec 2026 17:00:00 +0100'])
      assert.equal(parseRetryAfter(v, now), undefined, v);
  });
});
