// newsdesk cluster [--topics FILE] [--window 72h] [--places] ARTICLES.jsonl
// Scoring tools depend on this output format (README, "Stories"; src/stories/README.md).
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { eachLine, loadTopicsFor, StdoutLines } from '../json-lines.js';
import { OnlineStoryClusterer } from '../../stories/clusterer.js';
import { entityMatchesOf } from '../../stories/entities.js';
import { parseArticleLine, parseDuration } from '../../stories/input.js';
import { StoryIds } from '../../stories/story-ids.js';
import type { StoryAssignment } from '../../stories/types.js';
import type { TopicMatcher } from '../../topics/matcher.js';
import { compileTopics } from '../../topics/matcher.js';

const usage = `
Usage: newsdesk cluster [--topics FILE] [--window 72h] [--places] ARTICLES.jsonl

Folds copies and groups articles into stories (events), with the same code as the pipeline and
no store. ARTICLES.jsonl ("-" reads stdin) has one JSON object per line, in publication order:
  {"id", "title", "text", "url"?, "published"?, "lang"?, "source"?}
id is a string or number; text may be "" (a headline alone); published is ISO 8601 or epoch ms.
An optional "pageUrl" is the address the page names as its own (rel=canonical / og:url).

Writes one JSON line per input line, in input order, once the whole file is read:
  {"id": ..., "story": "<story id>", "duplicateOf"?: "<id of the earlier copy>"}
A story id is the id of the story's first article; stories merged later are reported under the
id of the older one. duplicateOf names the earliest copy of the same article (same canonical
URL, linked or page-declared, or near-identical text).

  --topics FILE   also use the topics file's entities (aliases in every script are one entity)
  --window DUR    time window for joining a story: 72h (default), 3d, 90m, or hours
  --places        also compare country names across scripts (Niger, «النيجر», «نیجر» are one)

A line that is not a valid article is reported on stderr with its line number and skipped (no
output line); the exit status is then 1.
`;

interface Args {
  topics?: string;
  windowMs?: number;
  places?: boolean;
  input: string;
}

/**
 * The value of `--window`: a duration from 1 ms to the longest whole number of milliseconds that
 * adds and subtracts exactly (Number.MAX_SAFE_INTEGER, some 285,000 years: the clusterer takes the
 * window off article times). Longer ones were taken: a value of many digits read as Infinity, and
 * one past 2^53 ms made the window's edge a rounded time; so was one under 1 ms, which joins
 * nothing that a 1 ms window would not (publication times are whole milliseconds) — each now a
 * usage error saying what to give (p-edges).
 */
function windowOption(v: string): number {
  const shown = JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  const ms = parseDuration(v);
  if (ms === null) throw new UsageError(`--window takes a duration such as 72h, 3d or 90m, not ${shown}`);
  if (ms < 1) throw new UsageError(`--window ${shown} is shorter than 1ms: give a duration such as 72h, 3d or 90m`);
  if (!(ms <= Number.MAX_SAFE_INTEGER))
    throw new UsageError(`--window ${shown} is too long (at most ${Number.MAX_SAFE_INTEGER}ms): give a duration such as 72h, 3d or 90m`);
  return ms;
}

function parseArgs(argv: string[]): Args {
  let topics: string | undefined;
  let windowMs: number | undefined;
  let input: string | undefined;
  let places = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (name: string): string => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--topics' || a.startsWith('--topics=')) topics = value('--topics');
    else if (a === '--places') places = true;
    else if (a === '--window' || a.startsWith('--window=')) {
      windowMs = windowOption(value('--window'));
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (input === undefined) input = a;
    else throw new UsageError(`unexpected argument ${a}: give one ARTICLES.jsonl file`);
  }
  if (input === undefined) throw new UsageError('ARTICLES.jsonl is required ("-" for stdin)');
  return {
    input,
    ...(topics !== undefined ? { topics } : {}),
    ...(windowMs !== undefined ? { windowMs } : {}),
    ...(places ? { places } : {}),
  };
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  let matcher: TopicMatcher | null = null;
  if (args.topics !== undefined) {
    const topics = await loadTopicsFor('cluster', args.topics);
    if (!topics) return 1;
    matcher = compileTopics(topics);
  }
  const clusterer = new OnlineStoryClusterer({
    ...(args.windowMs !== undefined ? { windowMs: args.windowMs } : {}),
    ...(args.places === true ? { places: true } : {}),
  });
  const ids = new StoryIds();
  const out: StoryAssignment[] = [];
  const seen = new Set<string>();

  let bad = 0;
  const error = await eachLine(args.input, (line, lineNo) => {
    const parsed = parseArticleLine(line);
    let problem = parsed.ok ? null : parsed.error;
    if (parsed.ok && seen.has(parsed.article.id)) problem = `duplicate id ${JSON.stringify(parsed.article.id)}`;
    if (problem !== null || !parsed.ok) {
      bad++;
      process.stderr.write(`newsdesk cluster: ${args.input}:${lineNo}: ${problem}; line skipped\n`);
      return;
    }
    for (const w of parsed.warnings) process.stderr.write(`newsdesk cluster: ${args.input}:${lineNo}: warning: ${w}\n`);
    const a = parsed.article;
    seen.add(a.id);
    if (matcher) {
      const found = entityMatchesOf(matcher, a.title, a.text);
      a.entities = found.ids;
      a.entityNames = found.names;
    }
    const r = clusterer.add(a);
    ids.note(r);
    out.push(r);
  });
  if (error) {
    process.stderr.write(`newsdesk cluster: cannot read ${args.input}: ${error.message}\n`);
    return 1;
  }
  const lines = new StdoutLines();
  for (const r of out) {
    const line: { id: string; story: string; duplicateOf?: string } = { id: r.id, story: ids.resolve(r.story) };
    if (r.duplicateOf !== undefined) line.duplicateOf = r.duplicateOf;
    await lines.add(JSON.stringify(line));
  }
  await lines.flush();
  if (bad > 0) {
    process.stderr.write(`newsdesk cluster: ${bad} line(s) skipped; see the messages above.\n`);
    return 1;
  }
  return 0;
}

export default {
  summary: 'Fold copies and group JSON-lines articles into stories (events)',
  usage,
  run,
} satisfies Command;
