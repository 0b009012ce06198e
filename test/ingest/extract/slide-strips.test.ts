// Stage 4 (trim.ts, slide-strips.ts), from the hashed-name gap round of 2026-12-06 (x-hashgap): a
// picture gallery inside the body known by its slide counter ("Image 1 of 5", "1 / 5") when its
// class names say nothing (CSS modules, hashed names). Each page here is written for the rule,
// with made-up names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';

const sentence = (n: number): string =>
  `The county council said on day ${n} that the flood barrier on the river would be finished before the spring tides, two months late.`;
const caption = 'Workers lift a steel gate into place on the new flood barrier near the old mill, Tuesday, March 3.';

// A gallery widget as news templates build it: the slide (picture, caption and a cut copy of it),
// a thumbnail strip, the control bar with its counter, and an overlay with the gallery's title.
const gallery = `<div class="q1Aa"><div class="q2Bb"><ul class="q3Cc"><li class="q4Dd">
  <img src="https://example.org/barrier-1.jpg" alt="">
  <div class="q5Ee"><p>${caption} <a href="#">less</a></p><p>Workers lift a steel gate into place on the new flood barrier … <a href="#">more</a></p></div>
  </li></ul></div>
  <div class="q6Ff"><ul><li><a href="https://example.org/barrier#photo-1"><img src="https://example.org/barrier-1-thumb.jpg" alt="photo"></a></li></ul></div>
  <div class="q7Gg"><div class="q8Hh"><p class="q9Ii">Caption</p><p class="q9Jj">Close</p></div>
  <div class="r1Kk"><span>Image </span><span>1</span><span> of </span><span>5</span></div>
  <div class="r2Ll"><p>${caption}</p></div></div>
  <div class="r3Mm"><div class="r4Nn">Flood barrier nears completion</div><div class="r5Oo"><span>1</span><span> / </span><span>5</span></div>
  <div class="r6Pp">Back to Gallery</div></div></div>`;

const page = (top: string): string =>
  `<!doctype html><html lang="en"><head><title>Flood barrier nears completion</title></head><body>
  <div class="a1Bc"><h1>Flood barrier nears completion</h1>
  <div class="g7Hi">${top}<p>${sentence(1)}</p><p>${sentence(2)}</p><p>${sentence(3)}</p><p>${sentence(4)}</p><p>${sentence(5)}</p><p>${sentence(6)}</p><p>${sentence(7)}</p><p>${sentence(8)}</p></div></div></body></html>`;

test('a gallery widget with a slide counter goes from the body, its names saying nothing', () => {
  const text = extractArticle({ bytes: page(gallery) }).text ?? '';
  for (let n = 1; n <= 8; n++) assert.ok(text.includes(sentence(n)), text);
  for (const line of ['Image 1 of 5', '1 / 5', 'Back to Gallery', 'Caption', 'Workers lift a steel gate'])
    assert.ok(!text.includes(line), `${line} in ${text}`);
});

test('numbered pictures set one after another (steps, a listicle) stay', () => {
  const step = (n: number): string =>
    `<div class="s1Qq"><img src="https://example.org/step-${n}.jpg" alt=""><p>Step ${n} of 3</p><p>${sentence(10 + n)}</p></div>`;
  const text = extractArticle({ bytes: page(step(1) + step(2) + step(3)) }).text ?? '';
  for (const n of [1, 2, 3]) {
    assert.ok(text.includes(`Step ${n} of 3`), text);
    assert.ok(text.includes(sentence(10 + n)), text);
  }
});

test('a counter line with no picture around it, a fraction or a counter inside a sentence stays', () => {
  const part = '<p class="t1Rr">Part 1 of 3</p>';
  const a = extractArticle({ bytes: page(part) }).text ?? '';
  assert.ok(a.includes('Part 1 of 3'), a);
  const fraction = '<div class="t2Ss"><img src="https://example.org/cake.jpg" alt=""><p>1/4</p></div>';
  const b = extractArticle({ bytes: page(fraction) }).text ?? '';
  assert.ok(b.includes('1/4'), b);
});
