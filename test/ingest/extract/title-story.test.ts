// Stage 4c (title-story.ts): a body that holds none of the prose right below the story's title
// heading was taken from elsewhere on the page — a sidebar box, another story of a stream — and is
// put back below the title. Pages written for the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { titleHeading } from '../../../src/ingest/extract/fallback.js';
import { elementsByTags } from '../../../src/ingest/extract/walk.js';

// Long plain sentences score low per paragraph with Readability; short ones full of commas score
// high, so the scorer settles on the comma-rich box although the story stands below the title.
const story = (n: number): string =>
  `<p>In the spring of the year number ${n} the town council decided to rebuild the old stone bridge over the river because the water had worn away its eastern pillar during the long floods of the winter</p>`;
const boxed = (n: number): string =>
  `<p>Along with news, essays, reviews, letters, and notes, from writers, editors, and readers, section ${n} includes, each week, picks, links, and short, sharp, lively comments, from across the web, the network, and beyond.</p>`;

const sidebarPage = `<!doctype html><html lang="en"><head><title>The bridge over the river will be rebuilt - Town Courier</title></head><body>
  <div id="top"><a href="/">Town Courier</a></div>
  <div id="content"><div class="wrapper">
  <div id="main"><div class="post"><div class="article-title"><h1 class="title">The bridge over the river will be rebuilt</h1></div>
  <div class="article-body">${story(1)}${story(2)}</div></div></div>
  <div id="side"><div class="module"><ul><li><a href="/a">Politics</a></li><li><a href="/b">Sport</a></li><li><a href="/c">Weather</a></li></ul></div>
  <div class="module"><h3>About this section</h3>${[1, 2, 3].map(boxed).join('')}</div>
  <div class="module"><a href="/subscribe">Subscribe</a></div></div>
  </div></div></body></html>`;

test('a box in the next column is not the story: the body goes back below the title', () => {
  const r = extractArticle({ bytes: sidebarPage });
  const t = r.text ?? '';
  assert.ok(t.includes('year number 1 the town council'), t);
  assert.ok(t.includes('year number 2 the town council'), t);
  assert.ok(!t.includes('Along with news'), t);
});

// A stream of stories, each in its own <article>: the title heads the first, the scorer takes the next.
const streamPage = `<!doctype html><html lang="en"><head><title>The bridge over the river will be rebuilt | Town Courier</title></head><body>
  <main><section class="stream">
  <div class="opening"><article class="entry"><h2>The bridge over the river will be rebuilt</h2>${story(1)}${story(2)}</article></div>
  <div class="next"><article class="entry"><h2>Letters from the readers</h2>${[3, 4, 5, 6, 7].map(boxed).join('')}</article></div>
  </section></main></body></html>`;

test("a body outside the <article> the title heads is another story's: the title's article is the body", () => {
  const r = extractArticle({ bytes: streamPage });
  const t = r.text ?? '';
  assert.ok(t.includes('year number 1 the town council'), t);
  assert.ok(t.includes('year number 2 the town council'), t);
  assert.ok(!t.includes('Letters from the readers') && !t.includes('Along with news'), t);
});

// The title's branch is a header strip (the title, a standfirst, a note) above a body that stands
// beside it in the same story: the body holds neither of the header's paragraphs, but it is the story.
const headerStripPage = `<!doctype html><html lang="en"><head><title>The bridge over the river will be rebuilt</title></head><body>
  <div class="story"><div class="story-head"><h1>The bridge over the river will be rebuilt</h1><div class="meta">
  <p class="standfirst">The council voted on Tuesday night after a long debate to rebuild the eastern pillar of the bridge first.</p>
  <p class="note">This story was updated on Wednesday morning with the final count of the vote and a reply from the mayor.</p></div>
  <img src="/bridge.jpg" alt=""></div>
  <div class="story-body">${[1, 2, 3, 4, 5, 6].map(story).join('')}</div></div></body></html>`;

test('a header strip above the body is not taken for the story', () => {
  const r = extractArticle({ bytes: headerStripPage });
  const t = r.text ?? '';
  for (const n of [1, 2, 3, 4, 5, 6]) assert.ok(t.includes(`year number ${n} the town council`), `paragraph ${n}: ${t}`);
});

test("the title heading: the longest heading the title repeats, not the blog's name nor a heading that repeats the title", () => {
  const html = `<!doctype html><html><head><title>Harbour Notes: The ferry runs again</title></head><body>
    <div id="banner"><h1><a href="/harbour/">Harbour Notes</a></h1></div>
    <div class="entry"><h3 class="entry-header">The ferry runs again</h3><p>Text.</p></div>
    <div class="more"><h2>More on: The ferry runs again</h2></div></body></html>`;
  const doc = parseDocument(html);
  const h = titleHeading(doc, elementsByTags(doc.body!, ['h1', 'h2', 'h3']));
  assert.equal(h?.localName, 'h3');
  const only = parseDocument(
    `<!doctype html><html><head><title>The ferry runs again</title></head><body><h2>More on: The ferry runs again</h2></body></html>`,
  );
  assert.equal(titleHeading(only, elementsByTags(only.body!, ['h1', 'h2', 'h3']))?.localName, 'h2');
});

// A video page: the title, the player and a few short sentences (the story; all but one under
// stage 4's good length), with a box of comma-rich paragraphs the scorer prefers in the column
// before it. The short sentences count as the title's branch's prose (half the box's text or
// more), so the body goes back below the title.
const videoPage = `<!doctype html><html lang="en"><head><title>Pupils film their own harbour tour - Town Courier</title></head><body>
  <div id="w">
  <div id="b"><div class="m"><h3>About this section</h3>${[1, 2, 3].map(boxed).join('')}</div></div>
  <div id="a"><h1>Pupils film their own harbour tour</h1>
  <div class="v"><object data="/player.swf"></object></div>
  <div class="x"><div class="d">
  <p>Pupils from the village school spent a whole week filming the harbour and its old fishing boats.</p>
  <p>Their teacher says the class wanted to show how the fleet starts its day.</p>
  <p>Two boys climbed the lighthouse stairs at dawn to film the boats going out.</p>
  <p>A fisherman showed the girls how the nets are mended after a storm.</p>
  <p>They cut the film themselves and showed it to their parents on Friday.</p></div></div></div>
  </div></body></html>`;

test('a story of short sentences below the title is the body, not a box of long ones before it', () => {
  const r = extractArticle({ bytes: videoPage });
  const t = r.text ?? '';
  assert.ok(t.includes('spent a whole week filming the harbour'), t);
  assert.ok(t.includes('showed it to their parents on Friday'), t);
  assert.ok(!t.includes('Along with news'), t);
});
