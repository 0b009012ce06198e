// The body-level rules added for quality on pages nobody tuned for (issue 11): each test builds
// its own small page, written for the rule, and checks what stays and what goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { paragraphs } from './helpers.js';

const URL_ = 'https://valley.example/news/2024/orchard';

const sentence = (n: number): string =>
  `The orchard co-operative said on Monday that harvest ${n} had come in early this year, and that the cider press would open to visitors a week sooner than planned.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);

function textOf(body: string): string {
  const html = `<!doctype html><html lang="en"><head><title>Early harvest</title></head><body><div id="page"><h1>Early harvest</h1><div class="story">${body}</div></div></body></html>`;
  return extractArticle({ bytes: Buffer.from(html), url: URL_ }).text ?? '';
}

test('credited, slide-strip and repeated picture captions inside a prose body are dropped; the prose stays', () => {
  const credited = `<figure><img src="/img/press.jpg" alt=""><figcaption>Volunteers sort apples in the packing shed (Photo: Mira Holt)</figcaption></figure>`;
  const slides = `<div class="photo-gallery"><div class="item"><img src="/img/a.jpg" alt=""><p class="caption">Rows of trees at dawn on the south slope</p></div></div>`;
  const twice = `<div class="wp-caption"><img src="/img/crates.jpg" alt=""><p class="wp-caption-text">Crates stacked by the gate of the old barn</p></div>`;
  const text = textOf(`${prose(1, 3)}${credited}${prose(4, 2)}${slides}${twice}${prose(6, 2)}${twice}${prose(8, 1)}`);
  assert.ok(text.includes(sentence(1)) && text.includes(sentence(5)) && text.includes(sentence(8)), text);
  assert.ok(!text.includes('Volunteers sort apples'), text);
  assert.ok(!text.includes('Rows of trees'), text);
  assert.equal(text.split('Crates stacked').length - 1, 1, text);
});

test('a caption that only says what the picture shows stays with the story', () => {
  const fig = `<figure><img src="/img/press.jpg" alt=""><figcaption>The old cider press, restored last spring, in the barn</figcaption></figure>`;
  const text = textOf(`${prose(1, 3)}${fig}${prose(4, 2)}`);
  assert.ok(text.includes('The old cider press, restored last spring'), text);
});

test('credited captions are kept when they are most of the page (a photo essay)', () => {
  const caps = Array.from(
    { length: 6 },
    (_, i) => `<figure><img src="/img/g${i}.jpg" alt=""><figcaption>${sentence(20 + i)} Photo: Mira Holt</figcaption></figure>`,
  ).join('');
  const text = textOf(`${prose(1, 2)}${caps}`);
  assert.ok(text.includes(sentence(22)), text);
});

test('ad labels, "READ MORE:" lines, app calls and all-capitals story links between paragraphs are dropped', () => {
  const body = [
    prose(1, 2),
    '<p>Advertisement</p>',
    prose(3, 1),
    '<p>READ MORE: <a href="/news/frost">Frost warning for the valley this weekend</a></p>',
    prose(4, 1),
    '<p><a href="/news/market"><strong>FARMERS MARKET MOVES TO THE OLD STATION YARD</strong></a></p>',
    prose(5, 1),
    '<p><a href="/app">Get the Valley Courier app</a> for news on the go</p>',
    prose(6, 2),
  ].join('');
  const text = textOf(body);
  for (let n = 1; n <= 7; n++) assert.ok(text.includes(sentence(n)), `sentence ${n} lost: ${text}`);
  for (const gone of ['Advertisement', 'Frost warning', 'FARMERS MARKET', 'Courier app'])
    assert.ok(!text.includes(gone), `${gone} kept: ${text}`);
});

test('a "Related:" link line and a sentence that merely contains a link stay', () => {
  const body = [
    prose(1, 2),
    '<p>Related: <a href="/news/bees">Bee numbers recover in the upper valley</a></p>',
    '<p>Growers can <a href="/guide">read the co-operative guide</a> before the season starts.</p>',
    prose(3, 2),
  ].join('');
  const text = textOf(body);
  assert.ok(text.includes('Bee numbers recover'), text);
  assert.ok(text.includes('read the co-operative guide'), text);
});

test('a "Tagged as:" line below the text is dropped like "Tags:"', () => {
  const text = textOf(`${prose(1, 3)}<p>Tagged as: <a href="/t/apples">apples</a>, <a href="/t/cider">cider</a>, harvest</p>`);
  assert.ok(text.includes(sentence(3)), text);
  assert.ok(!text.includes('Tagged as'), text);
});

test('a long bare URL above the text (a print header) is not prose: it and the date line under it go', () => {
  const url = 'https://valley.example/news/2024/orchard/early-harvest-brings-the-cider-press-forward-by-a-week-article-123456.php';
  const text = textOf(
    `<div class="print-header">${url}</div><span class="timestamp">Updated 9:15 am, Monday, October 7, 2024</span>${prose(1, 3)}`,
  );
  assert.ok(text.includes(sentence(1)), text);
  assert.ok(!text.includes('https://valley.example/news/2024/orchard/early'), text);
  assert.ok(!text.includes('Updated 9:15'), text);
});

test('comment-thread prompts below the text ("Comments are closed.", "Tell us what you think") are stock lines and go', () => {
  const text = textOf(`${prose(1, 3)}<h3>Tell us what you think...</h3><p>Comments are closed.</p><p><a href="/login">Log in</a></p>`);
  assert.ok(text.includes(sentence(3)), text);
  assert.ok(!text.includes('Tell us what you think') && !text.includes('Comments are closed'), text);
});

test('the headline repeated above the text goes from the text (the title carries it)', () => {
  const headline = 'Early harvest brings the cider press forward';
  const html = `<!doctype html><html lang="en"><head><title>${headline}</title></head><body><div class="story"><div class="headline">${headline}</div>${prose(1, 3)}</div></body></html>`;
  const r = extractArticle({ bytes: Buffer.from(html), url: URL_ });
  assert.equal(r.title, headline);
  assert.ok(r.text?.includes(sentence(1)), r.text ?? '');
  assert.ok(!r.text?.includes(headline), r.text ?? '');
});

test('a caption named in camelCase ("newsCaption") and wrapped in a <p> by Readability is still a caption', () => {
  // A <div> holding the picture's paragraph and a loose caption <span>: Readability wraps the span
  // in a <p> of its own, so the caption's name sits on the block's only child.
  const camel = `<div class="photo"><p><img src="/img/press.jpg" alt=""></p><span class="newsCaption">Volunteers sort apples in the packing shed <span>(Image: Mira Holt)</span></span></div>`;
  const text = textOf(`${prose(1, 3)}${camel}${prose(4, 2)}`);
  assert.ok(text.includes(sentence(1)) && text.includes(sentence(5)), text);
  assert.ok(!text.includes('Volunteers sort apples'), text);
  // The same words, unnamed and uncredited, in a paragraph of the story stay.
  const plain = textOf(`${prose(1, 3)}<p>Volunteers sort apples in the packing shed on weekday mornings.</p>${prose(4, 2)}`);
  assert.ok(plain.includes('Volunteers sort apples'), plain);
});

test('a credit glued to the caption ("…shedCredit: …") and a long figure caption with a credit are dropped', () => {
  const glued = `<figure><img src="/img/press.jpg" alt=""><figcaption>Volunteers sort apples in the packing shed<span>Credit: Mira Holt</span></figcaption></figure>`;
  const long = `<figure><img src="/img/plan.png" alt=""><figcaption>Plan of the new press house: ${Array.from({ length: 8 }, (_, i) => `(${i + 1}) room ${i + 1} of the press house, where the fruit is washed, sorted and milled before pressing`).join(', ')}. Credit: Valley Co-op</figcaption></figure>`;
  assert.ok(long.length > 600);
  const text = textOf(`${prose(1, 8)}${glued}${prose(9, 2)}${long}${prose(11, 2)}`);
  assert.ok(text.includes(sentence(1)) && text.includes(sentence(12)), text);
  assert.ok(!text.includes('Volunteers sort apples'), text);
  assert.ok(!text.includes('Plan of the new press house'), text);
});

test('a newsletter sign-up sentence below the story is trimmed; prose that mentions a newsletter stays', () => {
  const call =
    '<p>There is plenty more where that came from. Sign up for the Valley Courier today to get our free daily newsletter delivered to your inbox.</p>';
  const text = textOf(`${prose(1, 4)}${call}`);
  assert.ok(text.includes(sentence(4)), text);
  assert.ok(!text.includes('Sign up for the Valley Courier'), text);
  // Without the call to act, or long enough to be a paragraph of the story, it is prose.
  const about =
    '<p>The co-operative has sent its members a printed newsletter every month since 1962, and the archive is kept in the village library.</p>';
  const kept = textOf(`${prose(1, 4)}${about}`);
  assert.ok(kept.includes('printed newsletter'), kept);
});
