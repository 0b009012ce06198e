import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateFromUrl, findDate, jalaliToUtcMs } from '../../../src/ingest/listing/dates.js';

const now = Date.UTC(2024, 5, 1, 12, 0, 0);
const iso = (s: string, lang?: string): string | undefined => findDate(s, { now, lang })?.iso;

describe('findDate', () => {
  it('reads machine forms', () => {
    assert.equal(iso('2024-03-05'), '2024-03-05T00:00:00Z');
    assert.equal(iso('2024/03/05 14:20'), '2024-03-05T14:20:00Z');
    assert.equal(iso('05.03.2024'), '2024-03-05T00:00:00Z');
  });

  it('reads slashed dates by page language, unless a field exceeds 12', () => {
    assert.equal(iso('03/05/2024', 'en-us'), '2024-03-05T00:00:00Z');
    assert.equal(iso('03/05/2024', 'en-gb'), '2024-05-03T00:00:00Z');
    assert.equal(iso('25/12/2023', 'en-us'), '2023-12-25T00:00:00Z');
  });

  it('reads month names in several languages, with times and ordinals', () => {
    assert.equal(iso('Posted on March 5th, 2024 at 10:30 pm by Ana'), '2024-03-05T22:30:00Z');
    assert.equal(iso('5 Mar 2024'), '2024-03-05T00:00:00Z');
    assert.equal(iso('le 12 février 2024'), '2024-02-12T00:00:00Z');
    assert.equal(iso('12. März 2024, 08:15'), '2024-03-12T08:15:00Z');
    assert.equal(iso('3 de abril de 2024'), '2024-04-03T00:00:00Z');
    assert.equal(iso('١٠ أبريل ٢٠٢٤'), '2024-04-10T00:00:00Z');
    assert.equal(iso('5 آذار 2024'), '2024-03-05T00:00:00Z');
  });

  it('converts Solar Hijri dates, in Persian digits too', () => {
    assert.equal(iso('۱۵ اسفند ۱۴۰۲'), '2024-03-05T00:00:00Z');
    assert.equal(iso('۱۴۰۲/۱۲/۱۵'), '2024-03-05T00:00:00Z');
    assert.equal(iso('۱ فروردین ۱۴۰۳ - ۰۸:۰۰'), '2024-03-20T08:00:00Z');
    assert.equal(new Date(jalaliToUtcMs(1403, 9, 10)!).toISOString(), '2024-11-30T00:00:00.000Z');
    assert.equal(jalaliToUtcMs(1403, 7, 31), undefined);
  });

  it('reads relative dates against now', () => {
    assert.equal(iso('3 hours ago'), '2024-06-01T09:00:00Z');
    assert.equal(iso('۲ ساعت پیش'), '2024-06-01T10:00:00Z');
    assert.equal(iso('منذ 3 ساعات'), '2024-06-01T09:00:00Z');
    assert.equal(iso('yesterday'), '2024-05-31T00:00:00Z');
  });

  it('infers the year of a year-less date as the latest one not in the future', () => {
    assert.equal(iso('May 3'), '2024-05-03T00:00:00Z');
    assert.equal(iso('Dec 30'), '2023-12-30T00:00:00Z');
  });

  it('finds nothing in text without a date, and rejects impossible days', () => {
    assert.equal(iso('Top 10 tips for the garden'), undefined);
    assert.equal(iso('31 February 2024'), undefined);
    assert.equal(iso('2024-13-01'), undefined);
  });

  it('says how much of the text the date took', () => {
    assert.equal(findDate('March 5, 2024', { now })?.coverage, 1);
    assert.ok(findDate('Posted on Mar 5, 2024 by a very long byline indeed', { now })!.coverage < 0.5);
  });
});

describe('dateFromUrl', () => {
  it('reads /yyyy/mm/dd/ paths', () => {
    assert.equal(dateFromUrl('https://a.example/2024/03/12/slug/'), '2024-03-12T00:00:00Z');
    assert.equal(dateFromUrl('https://a.example/2024/13/12/slug/'), undefined);
    assert.equal(dateFromUrl('https://a.example/news/12345'), undefined);
  });
});

describe('findDate: more scripts', () => {
  it('reads CJK and Korean dates, Russian and Polish month names, and relative times', () => {
    assert.equal(iso('2024年3月5日 10:30'), '2024-03-05T10:30:00Z');
    assert.equal(iso('2024년 3월 5일'), '2024-03-05T00:00:00Z');
    assert.equal(iso('5 марта 2024'), '2024-03-05T00:00:00Z');
    assert.equal(iso('5 marca 2024'), '2024-03-05T00:00:00Z');
    assert.equal(iso('3小时前'), '2024-06-01T09:00:00Z');
    assert.equal(iso('3 часа назад'), '2024-06-01T09:00:00Z');
    assert.equal(iso('вчера'), '2024-05-31T00:00:00Z');
  });
});
