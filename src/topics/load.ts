// Reads a topics file from disk. The only I/O in src/topics; everything else is pure.
import { readFile } from 'node:fs/promises';
import type { TopicsParseResult } from './definition.js';
import { parseTopics } from './definition.js';

export async function loadTopicsFile(path: string): Promise<TopicsParseResult> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    return { ok: false, errors: [{ message: `cannot read topics file ${path}: ${why}` }] };
  }
  return parseTopics(source);
}
