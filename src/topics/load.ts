// Reads a topics file from disk. The only I/O in src/topics; everything else is pure.
import { readFile } from 'node:fs/promises';
import type { TopicsParseResult } from './definition.js';
import { parseTopics, topicError } from './definition.js';
import type { TopicIssue } from './issues.js';

export async function loadTopicsFile(path: string): Promise<TopicsParseResult> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const issue: TopicIssue =
      code === 'ENOENT'
        ? { key: 'file.missing', params: { path } }
        : code === 'EACCES'
          ? { key: 'file.denied', params: { path } }
          : { key: 'file.unreadable', params: { path, detail: String((e as Error).message) } };
    return { ok: false, errors: [topicError(issue)] };
  }
  return parseTopics(source);
}
