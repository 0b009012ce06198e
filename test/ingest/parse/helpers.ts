// Small helpers shared by the parse tests (fixtures live in test/fixtures/parse).
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../helpers/repo.js';
import { parseFeed } from '../../../src/ingest/parse/index.js';
import type { ParsedFeed, ParseInput } from '../../../src/ingest/parse/types.js';

// Fixtures stay in the source tree whether tests run from test/ (tsx) or dist/test/ (compiled).
export const fixturesDir = `${fixturePath('parse')}/`;

export function fixture(name: string): Buffer {
  return readFileSync(`${fixturesDir}${name}`);
}

export function parseText(text: string, extra: Omit<ParseInput, 'bytes'> = {}): ParsedFeed {
  return parseFeed({ bytes: new TextEncoder().encode(text), ...extra });
}
