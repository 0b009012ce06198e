import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from '../../../src/text/dates.js';

test('RFC 822 and its broken variants', () => {
  const cases: [string, string][] = [
    ['Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
    ['Thu, 01 Jan 2004 19:48:21 +0000', '2004-01-01T19:48:21Z'],
    ['Thu,01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
    ['01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
    ['Thu, 1 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21Z'],
    ['Thu, 01 Jan 2004 19:48 GMT', '2004-01-01T19:48:00Z'],
    ['Thu, 01 Jan 2004 14:48:21 EST', '2004-01-01T19:48:21Z'],
    ['Thu, 01 Jan 2004 11:48:21 PST', '2004-01-01T19:48:21Z'],
    ['Thu, 01 Jan 2004 21:48:21 +02:00', '2004-01-01T19:48:21Z'],
    ['Thu, 01 January 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
    ['Thu, 01 Jan 2004 19:48:21', '2004-01-01T19:48:21Z'],
    ['Thu, 01 Jan 2004 20:48:21 GMT+01:00', '2004-01-01T19:48:21Z'],
    ['Mon, 26 Jan 2004 07:48:21 pm GMT', '2004-01-26T19:48:21Z'],
    ['Jan 1 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
    ['Sun Jan  4 16:29:06 PST 2004', '2004-01-05T00:29:06Z'],
  ];
  for (const [input, want] of cases) assert.equal(parseDate(input), want, input);
});

test('RFC 3339, W3CDTF and other ISO 8601 shapes', () => {
  const cases: [string, string][] = [
    ['2004-01-01T19:48:21Z', '2004-01-01T19:48:21Z'],
    ['2004-01-01T19:48:21+00:00', '2004-01-01T19:48:21Z'],
    ['2004-01-01T21:48:21.123+02:00', '2004-01-01T19:48:21Z'],
    ['2004-06-02T19:07:55-04:00', '2004-06-02T23:07:55Z'],
    ['2002-10-13T09:00+01:00', '2002-10-13T08:00:00Z'],
    ['2004-01-01 19:48:21', '2004-01-01T19:48:21Z'],
    ['20040101T194821Z', '2004-01-01T19:48:21Z'],
    ['2004-01-01', '2004-01-01T00:00:00Z'],
    ['2004-01', '2004-01-01T00:00:00Z'],
    ['2002', '2002-01-01T00:00:00Z'],
  ];
  for (const [input, want] of cases) assert.equal(parseDate(input), want, input);
});

test('nonsense is not a date', () => {
  for (const s of ['', '   ', 'yesterday', 'Thu, 32 Jan 2004 19:48:21 GMT', '2004-02-30', '12345', 'Foo, 01 Bar 2004 19:48:21 GMT']) {
    assert.equal(parseDate(s), undefined, s);
  }
});

test('year-first numeric dates outside ISO 8601: slashes, dots, one-digit fields, a 12-hour clock', () => {
  const cases: [string, string | undefined][] = [
    // As Dvbbs forum feeds write them (Ranchero-Software/RSParser kc0011.rss); no zone means UTC.
    ['2020/1/10 14:33:00', '2020-01-10T14:33:00Z'],
    ['2020/01/10', '2020-01-10T00:00:00Z'],
    ['2020-1-10 9:05', '2020-01-10T09:05:00Z'],
    ['2019.03.07 9:05 PM', '2019-03-07T21:05:00Z'],
    ['2020/1/10 14:33:00 +0800', '2020-01-10T06:33:00Z'],
    ['2020/1/10 14:33:00 GMT', '2020-01-10T14:33:00Z'],
    // Impossible days and months, and mixed separators, are not dates.
    ['2020/13/10 14:33:00', undefined],
    ['2020/2/30', undefined],
    ['2020/1-10', undefined],
  ];
  for (const [input, want] of cases) assert.equal(parseDate(input), want, input);
});

test('years 1 to 99 are read as written, year 0000 is no date, real offsets at the ends of the range are kept (r2-ingest4)', () => {
  // Date.UTC reads years 0 to 99 as 1900 to 1999: `0001-01-01T00:00:00` (.NET's DateTime.MinValue,
  // a common "no date" in feeds and sitemaps) became 1901, `0099-12-31` 1999 and year 0000 1900.
  const cases: [string, string | undefined][] = [
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
    ['0001-01-01T00:00:00+00:00', '0001-01-01T00:00:00Z'],
    ['0099-12-31T12:00:00Z', '0099-12-31T12:00:00Z'],
    ['0004-02-29', '0004-02-29T00:00:00Z'],
    ['0003-02-29', undefined],
    ['0000-01-01T00:00:00Z', undefined],
    ['0000-01-01', undefined],
    ['Sat, 01 Jan 0000 00:00:00 +0000', undefined],
    ['0000-00-00 00:00:00', undefined],
    // Kiribati (+14:00) and Baker Island (-12:00) are real; +18:00 is the widest accepted.
    ['2026-01-01T00:00:00+14:00', '2025-12-31T10:00:00Z'],
    ['2026-01-01T00:00:00-12:00', '2026-01-01T12:00:00Z'],
    ['Thu, 01 Jan 2026 00:00:00 +1800', '2025-12-31T06:00:00Z'],
    ['Thu, 01 Jan 2026 00:00:00 GMT+3', '2025-12-31T21:00:00Z'],
    ['Thu, 01 Jan 2026 00:00:00 EST', '2026-01-01T05:00:00Z'],
    ['Tue, 30 Jun 2026 23:59:60 GMT', '2026-06-30T23:59:59Z'],
    ['2026-01-01T00:00:00.000+18:01', undefined],
  ];
  for (const [input, want] of cases) assert.equal(parseDate(input), want, input);
});
