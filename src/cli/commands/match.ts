// newsdesk match --topics FILE ARTICLES.jsonl
// Scoring tools depend on this output format; see docs/topics.md before changing it.
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { eachLine, loadTopicsFor, StdoutLines } from '../json-lines.js';
import type { TopicHit } from '../../topics/matcher.js';
import { compileTopics } from '../../topics/matcher.js';

const usage = `
Usage: newsdesk match --topics FILE [--explain] ARTICLES.jsonl

Tags articles with topics. FILE is a topics file (YAML or JSON, see docs/topics.md).
ARTICLES.jsonl has one JSON object per line: {"id", "title", "text", "lang"?}; "-" reads stdin.

Writes one JSON line per article, in input order:
  {"id": ..., "topics": [{"id": "<topic>", "matches": [{"field", "start", "end", "text", "alias"}]}]}
Only topics that matched are listed; an article with none gets "topics": []. start/end are
UTF-16 code-unit offsets into the original title or text. A topic named more than 25 times
lists the first 25 places (then the first of each further alias and spelling) and adds
"total": the number of places that matched.

  --explain   also give each match's entity and reason (exact, variant, fuzzy, acronym), and
              "via" (hashtag, hyphenation, lookalike) when the text was read otherwise than as written

A line that is not a JSON object is reported on stderr with its line number and skipped;
the exit status is then 1. A topics file with errors prints them and exits 1.
`;

function parseArgs(argv: string[]): { topics: string; input: string; explain: boolean } {
  let topics: string | undefined;
  let input: string | undefined;
  let explain = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--topics') {
      topics = argv[++i];
      if (topics === undefined) throw new UsageError('--topics needs a file');
    } else if (a.startsWith('--topics=')) topics = a.slice('--topics='.length);
    else if (a === '--explain') explain = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (input === undefined) input = a;
    else throw new UsageError(`unexpected argument ${a}: give one ARTICLES.jsonl file`);
  }
  if (topics === undefined) throw new UsageError('--topics FILE is required');
  if (input === undefined) throw new UsageError('ARTICLES.jsonl is required ("-" for stdin)');
  return { topics, input, explain };
}

function outputTopics(hits: TopicHit[], explain: boolean): unknown[] {
  return hits.map((h) => ({
    id: h.id,
    matches: h.matches.map((m) =>
      explain
        ? {
            field: m.field,
            start: m.start,
            end: m.end,
            text: m.text,
            alias: m.alias,
            entity: m.entity ?? null,
            reason: m.reason,
            ...(m.via ? { via: m.via } : {}),
          }
        : { field: m.field, start: m.start, end: m.end, text: m.text, alias: m.alias },
    ),
    ...(h.total > h.matches.length ? { total: h.total } : {}),
  }));
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const topics = await loadTopicsFor('match', args.topics);
  if (!topics) return 1;
  const matcher = compileTopics(topics);
  const out = new StdoutLines();
  let bad = 0;
  const error = await eachLine(args.input, async (line, lineNo) => {
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      bad++;
      process.stderr.write(`newsdesk match: ${args.input}:${lineNo}: invalid JSON (${(e as Error).message}); line skipped\n`);
      return;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      bad++;
      process.stderr.write(`newsdesk match: ${args.input}:${lineNo}: expected a JSON object {id, title, text}; line skipped\n`);
      return;
    }
    const a = obj as { id?: unknown; title?: unknown; text?: unknown };
    const title = typeof a.title === 'string' ? a.title : '';
    const text = typeof a.text === 'string' ? a.text : '';
    const hits = matcher.match({ title, text });
    await out.add(JSON.stringify({ id: a.id ?? null, topics: outputTopics(hits, args.explain) }));
  });
  if (error) {
    process.stderr.write(`newsdesk match: cannot read ${args.input}: ${error.message}\n`);
    return 1;
  }
  await out.flush();
  if (bad > 0) {
    process.stderr.write(`newsdesk match: ${bad} line(s) skipped; see the messages above.\n`);
    return 1;
  }
  return 0;
}

export default {
  summary: 'Tag JSON-lines articles with the topics of a topics file (offsets, aliases)',
  usage,
  run,
} satisfies Command;
