import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Source } from '../../src/domain/source.js';
import {
  adaptiveIntervalSeconds,
  backoffSeconds,
  FAILING_AFTER,
  planNextCheck,
  type SchedulePolicy,
} from '../../src/pipeline/next-check.js';
import { sourceRow } from '../helpers/source-row.js';

const P: SchedulePolicy = { defaultIntervalSeconds: 1800, minIntervalSeconds: 300, maxIntervalSeconds: 86400, maxBackoffSeconds: 6 * 3600 };
const NOW = Date.UTC(2025, 5, 1, 12);
const H = 3600_000;

function source(o: Partial<Source> = {}): Source {
  return sourceRow(NOW, { ...o });
}

describe('adaptive interval', () => {
  it('polls about twice per publishing gap', () => {
    const hourly = Array.from({ length: 10 }, (_, i) => NOW - i * H);
    assert.equal(adaptiveIntervalSeconds(hourly, NOW, 1800, P), 1800);
    const every4h = Array.from({ length: 10 }, (_, i) => NOW - i * 4 * H);
    assert.equal(adaptiveIntervalSeconds(every4h, NOW, 1800, P), 7200);
  });

  it('clamps a busy feed to the minimum and a dead one to the maximum', () => {
    const perMinute = Array.from({ length: 20 }, (_, i) => NOW - i * 60_000);
    assert.equal(adaptiveIntervalSeconds(perMinute, NOW, 1800, P), 300);
    const lastYear = Array.from({ length: 5 }, (_, i) => NOW - 365 * 86400_000 - i * H);
    assert.equal(adaptiveIntervalSeconds(lastYear, NOW, 1800, P), 86400);
  });

  it('lengthens the interval of a feed that went quiet', () => {
    const burstThenQuiet = Array.from({ length: 10 }, (_, i) => NOW - 48 * H - i * 60_000);
    assert.equal(adaptiveIntervalSeconds(burstThenQuiet, NOW, 1800, P), 24 * 3600);
  });

  it('keeps the current interval without enough dated items, and ignores far-future dates', () => {
    assert.equal(adaptiveIntervalSeconds([], NOW, 1234, P), 1234);
    assert.equal(adaptiveIntervalSeconds([NOW], NOW, 1234, P), 1234);
    assert.equal(adaptiveIntervalSeconds([NOW + 30 * 86400_000, NOW + 31 * 86400_000], NOW, 1234, P), 1234);
  });
});

describe('backoff', () => {
  it('doubles from the minimum interval up to the cap', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffSeconds(n, P)),
      [300, 600, 1200, 2400, 4800, 9600, 19200, 21600, 21600],
    );
  });
});

describe('planNextCheck', () => {
  it('records success: ok, errors cleared, validators kept, next check one interval later', () => {
    const p = planNextCheck(
      source({ status: 'failing', errorCount: 4, lastError: 'x' }),
      {
        kind: 'fetched',
        publishedTimes: Array.from({ length: 5 }, (_, i) => NOW - i * 2 * H),
        etag: '"e"',
        lastModified: 'lm',
        title: 'T',
      },
      P,
      NOW,
    );
    assert.equal(p.status, 'ok');
    assert.equal(p.errorCount, 0);
    assert.equal(p.lastError, null);
    assert.equal(p.etag, '"e"');
    assert.equal(p.lastModified, 'lm');
    assert.equal(p.title, 'T');
    assert.equal(p.intervalSeconds, 3600);
    assert.equal(p.nextCheckAt, NOW + 3600_000);
  });

  it('does not overwrite a title the source already has', () => {
    const p = planNextCheck(
      source({ title: 'Mine' }),
      { kind: 'fetched', publishedTimes: [], etag: null, lastModified: null, title: 'Theirs' },
      P,
      NOW,
    );
    assert.equal(p.title, undefined);
  });

  it('never schedules before max-age or Retry-After', () => {
    const a = planNextCheck(source(), { kind: 'not-modified', maxAgeMs: 5 * H }, P, NOW);
    assert.equal(a.nextCheckAt, NOW + 5 * H);
    const b = planNextCheck(source(), { kind: 'failed', error: '429', permanent: false, gone: false, retryAfterMs: 3 * H }, P, NOW);
    assert.equal(b.nextCheckAt, NOW + 3 * H);
    const c = planNextCheck(source(), { kind: 'failed', error: '503', permanent: false, gone: false, retryAfterMs: 1000 }, P, NOW);
    assert.equal(c.nextCheckAt, NOW + 300_000, 'backoff still applies when Retry-After is shorter');
  });

  it('caps an absurd Retry-After at a week', () => {
    const p = planNextCheck(
      source(),
      { kind: 'failed', error: '429', permanent: false, gone: false, retryAfterMs: 400 * 86400_000 },
      P,
      NOW,
    );
    assert.equal(p.nextCheckAt, NOW + 7 * 86400_000);
  });

  it(`marks a source failing after ${FAILING_AFTER} retryable errors, at once for a permanent one`, () => {
    let s = source({ status: 'ok' });
    for (let i = 1; i <= FAILING_AFTER; i++) {
      const p = planNextCheck(s, { kind: 'failed', error: `boom ${i}`, permanent: false, gone: false }, P, NOW);
      assert.equal(p.errorCount, i);
      assert.equal(p.lastError, `boom ${i}`);
      assert.equal(p.status, i < FAILING_AFTER ? 'ok' : 'failing');
      s = { ...s, ...p } as Source;
    }
    const perm = planNextCheck(source(), { kind: 'failed', error: 'HTTP 404', permanent: true, gone: false }, P, NOW);
    assert.equal(perm.status, 'failing');
    assert.ok(perm.nextCheckAt! > NOW, 'a failing source is still retried');
  });

  it('disables a gone source with its reason', () => {
    const p = planNextCheck(source(), { kind: 'failed', error: '410 Gone: removed', permanent: true, gone: true }, P, NOW);
    assert.equal(p.status, 'disabled');
    assert.equal(p.lastError, '410 Gone: removed');
  });
});
