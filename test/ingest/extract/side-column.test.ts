// Stage 1 (prune.ts, besideStory), from the x-aside round of 2026-12-07: an `<aside>` column set
// beside the story's column — the headline and the story's paragraphs in one sibling, a sidebar of
// "latest" and "most read" teasers with their summary lines in the other — goes whatever its size
// and link density, when the class names say nothing. The rail here also lists the page's own
// story with its opening as the summary, as "latest" rails do: the scorer then took story and rail
// together. Each page is written for the rule, with made-up names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractArticle } from '../../../src/ingest/extract/index.js';

const TITLE = 'New ferry berth opens in spring';
const sentence = (n: number): string =>
  `The harbour board said on day ${n} that the new ferry berth would open before the spring sailings, after two winters of delays and a fresh bill for the pilings.`;
const story = (n: number): string => `<p>${sentence(n)}</p>`;
const teaser = (n: number): string =>
  `<li><a href="/news/road-${n}">Road report number ${n} from the valley</a><div><span>Crews worked through the night on stretch ${n} of the valley road, and the county expects the detour to lift by the end of the month.</span></div></li>`;
/** The page's own story in the rail, its summary the story's opening cut short. */
const own = `<li><a href="/news/ferry-berth">${TITLE}</a><div><span>${sentence(1)} The harbour board said on day 2 that the new…</span></div></li>`;
const rail =
  `<aside><section><h2>Latest from the valley</h2><ul>${own}${[1, 2, 3, 4, 5].map(teaser).join('')}</ul></section>` +
  `<section><h2>Most read</h2><ul>${[7, 8, 9, 10, 11, 12].map(teaser).join('')}</ul></section></aside>`;
const page = (inner: string): string =>
  `<!doctype html><html lang="en"><head><title>${TITLE}</title></head><body><div class="q1Aa"><div class="q2Bb">${inner}</div></div></body></html>`;
const textOf = (html: string): string => extractArticle({ bytes: new TextEncoder().encode(html) }).text ?? '';

test("an <aside> column of teasers beside the story's column goes, whatever its size and link density", () => {
  const text = textOf(page(`<div class="q3Cc"><h1>${TITLE}</h1>${[1, 2, 3].map(story).join('')}</div>${rail}`));
  for (let n = 1; n <= 3; n++) assert.ok(text.includes(sentence(n)), text);
  assert.ok(!text.includes('Road report number'), text);
  assert.ok(!text.includes('Crews worked through the night'), text);
});

test('near miss: an <aside> fact box beside a header strip (the headline and a standfirst), the body below, stays', () => {
  const facts =
    '<aside><h3>The berth in figures</h3><p>The berth is built on forty steel piles driven into the old quay, takes ferries of up to ninety metres, and was paid for in equal parts by the harbour board and the county, with a grant from the coastal fund for the waiting room.</p>' +
    '<p>Two cranes stand on it for freight, and the old slipway beside it stays open for the fishing boats and the lifeboat, which keeps its own mooring at the north end.</p></aside>';
  const html = page(
    `<article><div class="q4Dd"><h1>${TITLE}</h1><p>After two winters of delays, the harbour board has set a date for the first sailing from the new berth, and the islands have their timetable.</p></div>${facts}<div class="q5Ee">${[1, 2, 3, 4].map(story).join('')}</div></article>`,
  );
  const text = textOf(html);
  assert.ok(text.includes(sentence(4)), text);
  assert.ok(text.includes('forty steel piles'), text);
});
