// The learned edge stage never takes running prose (learned-blocks.ts, isRunningProse): its scan
// from either edge of the body stops at a block the trim reads as prose that ends as a sentence.
// The pages are written for the test; the models are made up for it (one that doubts every prose
// block, to show what the scan would take without the guard) or the shipped one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { BLOCK_MODEL } from '../../../src/ingest/extract/block-model.js';
import type { BlockModel } from '../../../src/ingest/extract/block-model-shape.js';
import { DENSE_FEATURES, applyBlockModel, isRunningProse } from '../../../src/ingest/extract/learned-blocks.js';
import { blocksOf } from '../../../src/ingest/extract/trim.js';
import { chosenBody, withModel } from './helpers.js';

const story = [
  'The harbour board agreed on Monday to dredge the eastern channel before the autumn storms, after two fishing boats ran aground there in the space of a week.',
  'Work is to start at the end of the month and take about five weeks, during which the channel will be closed to boats longer than twelve metres at low tide.',
  'Skippers said the decision came late but was welcome, and asked the board to publish the new depth charts as soon as the survey vessel has finished its soundings.',
];
const closing =
  'Skippers who want to join the board’s working group on the channel can write to channel@harbour.example for more information.';

/** A model that doubts every prose block (the trim's good class) and no other block. */
function doubtsProse(): BlockModel {
  const weights = new Array(DENSE_FEATURES.length + 1).fill(0);
  weights[DENSE_FEATURES.indexOf('cls_good')] = -10;
  return { buckets: 1, weights, edge: 0.4 };
}

test('running prose: a prose block that ends as a sentence; not a short line, not prose cut off mid-sentence', () => {
  const blocks = blocksOf(chosenBody(`<p>Harbour news</p><p>${story[0]}</p><p>${story[1]!.replace(/\.$/, '')} and</p><p>${closing}</p>`));
  assert.deepEqual(
    blocks.map((b) => isRunningProse(b)),
    [false, true, false, true],
  );
});

test('the edge scan stops at running prose: a model that doubts prose takes none of it', () => {
  const root = chosenBody(`<p>Harbour news</p>${story.map((p) => `<p>${p}</p>`).join('')}<p>${closing}</p>`);
  // Without the guard the scan from the end would take the closing paragraph and every story
  // paragraph above it, down to the short line the model keeps: the body would be that line.
  assert.equal(applyBlockModel(root, doubtsProse()), 0);
  const text = (root.textContent ?? '').replace(/\s+/g, ' ');
  for (const p of [...story, closing]) assert.ok(text.includes(p), text);
});

test("with the shipped model the story's closing paragraph with an address stays, and a date line after it still goes", () => {
  const page = (tail: string): string =>
    `<!doctype html><html lang="en"><head><title>Harbour to dredge eastern channel | Coast Herald</title></head><body><div id="main"><h1>Harbour to dredge eastern channel</h1><div class="story">${story.map((p) => `<p>${p}</p>`).join('')}<p>${closing}</p>${tail}</div></div></body></html>`;
  const text = withModel(BLOCK_MODEL, () => extractArticle({ bytes: page('') }).text ?? '');
  assert.ok(text.includes(closing), text);
  const dated = withModel(BLOCK_MODEL, () => extractArticle({ bytes: page('<div class="meta">March 12, 2024 10:32 am</div>') }).text ?? '');
  assert.ok(dated.includes(closing), dated);
  assert.ok(!dated.includes('March 12, 2024'), dated);
});
