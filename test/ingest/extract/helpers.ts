// Paths shared by the extraction tests, which run both from test/ (tsx) and from dist/test/.
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
