// Keyword in context and the coverage chart as pure functions: offsets, escaping, cutting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coverageChart } from '../../src/web/coverage-chart.js';
import { kwicSnippet, markSpans, validSpans } from '../../src/web/kwic.js';

describe('keyword in context', () => {
  it('marks the stored span, escapes the text around it and cuts at spaces with an ellipsis', () => {
    const text = `${'lorem ipsum '.repeat(20)}the <b>MKO</b> & friends ${'dolor sit '.repeat(20)}`;
    const start = text.indexOf('MKO');
    const out = kwicSnippet(text, validSpans(text, [{ start, end: start + 3, text: 'MKO' }]), 40)!.value;
    assert.match(out, /^…/);
    assert.match(out, /…$/);
    assert.ok(out.includes('the &lt;b&gt;<mark>MKO</mark>&lt;/b&gt; &amp; friends'), out);
    assert.ok(!out.includes('<b>'));
  });

  it('re-finds a match whose stored offsets went stale, and drops one that is gone', () => {
    const text = 'Inserted words. Then the Mojahedin-e Khalq said no.';
    assert.deepEqual(validSpans(text, [{ start: 0, end: 17, text: 'Mojahedin-e Khalq' }]), [{ start: 25, end: 42 }]);
    assert.deepEqual(validSpans(text, [{ start: 0, end: 3, text: 'PMOI' }]), []);
  });

  it('merges overlapping spans into one mark and never splits a surrogate pair', () => {
    const text = 'ab MEK cd';
    assert.equal(
      markSpans(
        text,
        validSpans(text, [
          { start: 3, end: 5 },
          { start: 4, end: 6 },
        ]),
      ).value,
      'ab <mark>MEK</mark> cd',
    );
    const emoji = `${'😀'.repeat(60)} MEK ${'😀'.repeat(60)}`;
    const at = emoji.indexOf('MEK');
    const out = kwicSnippet(emoji, [{ start: at, end: at + 3 }], 21)!.value;
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(out), 'no lone surrogates');
    assert.ok(out.includes('<mark>MEK</mark>'));
  });

  it('works on right-to-left text with UTF-16 offsets', () => {
    const text = 'قالت الحكومة إن أعضاء منظمة مجاهدي خلق غادروا المعسكر.';
    const s = text.indexOf('منظمة مجاهدي خلق');
    assert.equal(
      kwicSnippet(text, [{ start: s, end: s + 16 }])!.value,
      'قالت الحكومة إن أعضاء <mark>منظمة مجاهدي خلق</mark> غادروا المعسكر.',
    );
  });
});

describe('coverage chart', () => {
  it('has one bar per day, zero-height bars for empty days, and says the totals in words', () => {
    const days = [
      { day: '2026-11-01', count: 0 },
      { day: '2026-11-02', count: 4 },
      { day: '2026-11-03', count: 1 },
    ];
    const svg = coverageChart(days, { id: 'c', topicName: 'A & B' }).value;
    assert.equal([...svg.matchAll(/<rect class="bar"/g)].length, 3);
    assert.match(svg, /<rect class="bar" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="0.0"><title>1 November 2026: 0<\/title>/);
    assert.match(svg, /<title id="c-title">Coverage of A &amp; B, stories per day<\/title>/);
    assert.match(
      svg,
      /<desc id="c-desc">5 stories over the 3 days from 1 November 2026 to 3 November 2026; the busiest day was 2 November 2026 with 4\.<\/desc>/,
    );
    assert.equal([...svg.matchAll(/<tr><td><time datetime="2026-11-0\d">/g)].length, 3);
    assert.equal(coverageChart([], { id: 'c', topicName: 'x' }).value, '');
  });
});
