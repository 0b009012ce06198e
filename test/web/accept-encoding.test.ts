// Finding 5 of issue 9: Accept-Encoding is read by splitting, not a backtracking expression. The
// cost is measured outside the tests (see the report / bench); here, what it answers.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { pickEncoding } from '../../src/web/respond.js';

it('picks br before gzip, honours q=0, ignores malformed q and other codings', () => {
  const cases: [string | undefined, 'br' | 'gzip' | undefined][] = [
    [undefined, undefined],
    ['', undefined],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['BR;Q=0.5 , GZIP', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.000, gzip;q=0', undefined],
    ['br;q=0.001', 'br'],
    ['br;q=1.0', 'br'],
    ['br;q=2, gzip;q=abc', undefined],
    ['x-gzip, brotli, deflate', undefined],
    ['*', undefined],
    [`br${' '.repeat(16_000)};`, 'br'],
    [`${' '.repeat(16_000)}gzip`, undefined], // past the first kilobyte: not read
    [`br${';'.repeat(5000)}`, 'br'],
  ];
  for (const [header, want] of cases) assert.equal(pickEncoding(header), want, JSON.stringify(header?.slice(0, 40)));
});
