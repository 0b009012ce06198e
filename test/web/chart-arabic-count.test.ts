// The coverage chart's sentence in Arabic wrote "{n} خبرًا" for every count but one: that form
// (singular accusative after the number) is right for 11–99 only. CLDR's Arabic plural categories
// want «خبر» for 0 and 100+, the dual for 2 and «أخبار» for 3–10, and hidden articles now leave
// the chart (p-counts) so small counts come up more often (r-counts, 2026-12-07).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coverageChart } from '../../src/web/coverage-chart.js';
import { uiFor } from '../../src/web/ui.js';

/** The chart's sentence (figcaption) for `n` stories on one of 30 days. */
function caption(lang: string, n: number): string {
  const days = Array.from({ length: 30 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, count: i === 3 ? n : 0 }));
  const page = String(coverageChart(days, { id: 'c', topicName: 'Dams', ui: uiFor(undefined, lang) }));
  return /<figcaption>([\s\S]*?)<\/figcaption>/.exec(page)?.[1] ?? '';
}

test('the Arabic chart sentence reads right for 0, 2, 3–10, 11–99 and 100+ stories', () => {
  for (const n of [0, 2, 3, 10, 11, 99, 100, 102]) {
    const text = caption('ar', n);
    assert.ok(!text.includes('خبرًا'), `${n}: ${text}`);
    assert.ok(text.startsWith('عدد الأخبار '), `${n}: ${text}`);
  }
  assert.ok(caption('ar', 1).startsWith('خبر واحد'), caption('ar', 1));
  // Persian counts a singular noun after any number; English has its own one and many.
  assert.ok(caption('fa', 5).includes(' خبر در '), caption('fa', 5));
  assert.ok(caption('en', 2).startsWith('2 stories over'), caption('en', 2));
});
