// Paths shared by the extraction tests, which run both from test/ (tsx) and from dist/test/.
import type { BLOCK_MODEL } from '../../../src/ingest/extract/block-model.js';
import { type DomElement, parseDocument } from '../../../src/ingest/extract/dom.js';
import { learnedStage } from '../../../src/ingest/extract/learned-blocks.js';
import { fixturePath, readFixtureBytes } from '../../helpers/repo.js';

export { cliCommand, ROOT } from '../../helpers/repo.js';

export const FIXTURES = fixturePath('extract');

export function fixture(name: string): Buffer {
  return readFixtureBytes('extract', name);
}

/** `n` paragraphs of plain prose, each naming `seed` and its number (a story body for fixtures). */
export function prose(seed: string, n: number): string {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    out.push(
      `<p>${seed} paragraph ${i} says what happened, where it happened and who was there, with enough words, clauses and commas to read as prose rather than as a menu.</p>`,
    );
  }
  return out.join('\n');
}

/** `count` paragraphs made by `sentence` from number `from` on (each test file writes its own prose). */
export function paragraphs(sentence: (n: number) => string, from: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `<p>${sentence(from + i)}</p>`).join('\n');
}

/** The element a rule is given as the chosen body: `html` inside `<div id="chosen">`. */
export function chosenBody(html: string): DomElement {
  return parseDocument(`<html><body><div id="chosen">${html}</div></body></html>`).querySelector('#chosen') as DomElement;
}

/** An element's text with its white space squeezed, for comparing what a rule kept. */
export function flatText(el: DomElement): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Runs `run` with the learned edge stage's model set to `model` (null: the stage off), then restores it. */
export function withModel<T>(model: typeof BLOCK_MODEL | null, run: () => T): T {
  const saved = learnedStage.model;
  learnedStage.model = model;
  try {
    return run();
  } finally {
    learnedStage.model = saved;
  }
}
