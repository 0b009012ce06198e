// The JSON-lines plumbing of the commands that read articles and write one line per article
// (`match`, `cluster`): lines in from a file or stdin with their numbers, lines out to stdout in
// large writes that wait when stdout is full (a pipe to a slow reader), and the topics file they
// share.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { formatTopicError, type TopicDefinition } from '../topics/definition.js';
import { loadTopicsFile } from '../topics/load.js';

/**
 * Hands each non-blank line of `input` ("-" reads stdin) to `onLine` with its 1-based number.
 * Resolves to the error when the file cannot be opened or read, else to null once all are read.
 */
export async function eachLine(input: string, onLine: (line: string, lineNo: number) => void | Promise<void>): Promise<Error | null> {
  const stream = input === '-' ? process.stdin : createReadStream(input, { encoding: 'utf8' });
  const openError = new Promise<Error>((resolve) => stream.once('error', resolve));
  const reading = (async () => {
    let lineNo = 0;
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
      lineNo++;
      if (line.trim() === '') continue;
      const pending = onLine(line, lineNo);
      if (pending) await pending;
    }
    return null;
  })();
  return Promise.race([reading, openError]);
}

/** Lines for stdout, written 64 KiB at a time; `flush` writes the rest and waits for room. */
export class StdoutLines {
  private buffer = '';

  async add(line: string): Promise<void> {
    this.buffer += `${line}\n`;
    if (this.buffer.length > 65536) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!process.stdout.write(chunk)) await new Promise<void>((r) => process.stdout.once('drain', () => r()));
  }
}

/** The topics of `file`, its warnings said on stderr; null, with its errors said, when it has any. */
export async function loadTopicsFor(command: string, file: string): Promise<TopicDefinition[] | null> {
  const loaded = await loadTopicsFile(file);
  if (!loaded.ok) {
    for (const e of loaded.errors) process.stderr.write(`newsdesk ${command}: ${formatTopicError(e, file)}\n`);
    process.stderr.write(`newsdesk ${command}: fix the topics file and run again.\n`);
    return null;
  }
  for (const w of loaded.warnings) process.stderr.write(`newsdesk ${command}: warning: ${formatTopicError(w, file)}\n`);
  return loaded.topics;
}
