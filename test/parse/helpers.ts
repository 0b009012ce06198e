// Small helpers shared by the parse tests (fixtures live in test/fixtures/parse).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFeed } from '../../src/parse/index.js';
import type { ParsedFeed, ParseInput } from '../../src/parse/types.js';

// Tests run from test/parse (tsx) or dist/test/parse (compiled); fixtures stay in the source tree.
const here = fileURLToPath(new URL('.', import.meta.url));
export const fixturesDir = here.includes('/dist/test/') ? here.replace('/dist/test/', '/test/').replace(/parse\/?$/, 'fixtures/parse/') : `${here}../fixtures/parse/`;

export function fixture(name: string): Buffer {
  return readFileSync(`${fixturesDir}${name}`);
}

export function parseText(text: string, extra: Omit<ParseInput, 'bytes'> = {}): ParsedFeed {
  return parseFeed({ bytes: new TextEncoder().encode(text), ...extra });
}
