import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isArticleUrl } from '../../../src/ingest/listing/article-url.js';
import { normalizeUrl, resolveHttpUrl, sameSite, siteOf } from '../../../src/ingest/listing/normalize-url.js';
import { cleanTeaserText } from '../../../src/ingest/listing/read-more.js';

describe('URLs', () => {
  it('normalises: host case, default port, fragment, tracking parameters', () => {
    assert.equal(normalizeUrl('HTTPS://News.Example:443/a/B?utm_source=x&id=3&fbclid=y#top'), 'https://news.example/a/B?id=3');
    assert.equal(normalizeUrl('http://news.example./a?utm_medium=z'), 'http://news.example/a');
  });
  it('resolves only to http(s)', () => {
    assert.equal(resolveHttpUrl('../x', 'https://a.example/b/c/'), 'https://a.example/b/x');
    assert.equal(resolveHttpUrl('javascript:alert(1)', 'https://a.example/'), undefined);
    assert.equal(resolveHttpUrl('#top', 'https://a.example/'), undefined);
    assert.equal(resolveHttpUrl('mailto:a@b.example', 'https://a.example/'), undefined);
  });
  it('treats subdomains of one registrable domain as one site', () => {
    assert.equal(siteOf('https://news.bbc.co.uk/x'), 'bbc.co.uk');
    assert.ok(sameSite('https://www.example.com/', 'https://news.example.com/a'));
    assert.ok(!sameSite('https://example.com/', 'https://example.org/'));
  });
  it('tells article URLs from sections, tags and pagination', () => {
    const page = 'https://a.example/news/';
    assert.ok(isArticleUrl('https://a.example/2024/03/05/some-story-here/', page));
    assert.ok(isArticleUrl('https://a.example/news/52340/%D8%A8%D8%A7', page));
    assert.ok(isArticleUrl('https://a.example/press.php?id=1182', page));
    assert.ok(!isArticleUrl('https://a.example/category/tides/', page));
    assert.ok(!isArticleUrl('https://a.example/news/page/2', page));
    assert.ok(!isArticleUrl('https://a.example/about.php', page));
    assert.ok(!isArticleUrl('https://a.example/news/', page));
    assert.ok(!isArticleUrl('https://a.example/sport/', page));
  });
});

describe('cleanTeaserText', () => {
  it('strips trailing "..", "…", "[…]" and read-more phrases', () => {
    assert.equal(cleanTeaserText('the work went on ..'), 'the work went on');
    assert.equal(cleanTeaserText('the work went on…'), 'the work went on');
    assert.equal(cleanTeaserText('the work went on [&hellip;]'.replace('&hellip;', '…')), 'the work went on');
    assert.equal(cleanTeaserText('It ended well. .'), 'It ended well.');
    assert.equal(cleanTeaserText('It ended well… Read more »'), 'It ended well');
    assert.equal(cleanTeaserText('… and then it rained'), 'and then it rained');
    assert.equal(cleanTeaserText('the station will reopen in spring,” ..'), 'the station will reopen in spring,”');
    assert.equal(cleanTeaserText('we agreed to go on with it, but..'), 'we agreed to go on with it, but');
    assert.equal(cleanTeaserText('the season ends in May…the club will return.'), 'the season ends in May…the club will return.');
    assert.equal(cleanTeaserText('بازدید رایگان است.. ادامه مطلب'), 'بازدید رایگان است');
  });
  it('keeps words that only look like read-more at the end of a real sentence', () => {
    assert.equal(cleanTeaserText('Prices will rise once more'), 'Prices will rise once more');
    assert.equal(cleanTeaserText('We had to continue'), 'We had to continue');
  });
});
