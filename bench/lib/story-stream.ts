// The generated news stream of the story benches: events (each with its own names and figures)
// start and fade over 60 days; entries mix the event's words with common vocabulary; a third are
// syndicated copies (a local intro, trimmed tail). Each entry comes with the event it was written
// from (a copy takes its original's), so the same stream serves bench/stories.ts (speed) and
// scripts/stories-bench-quality.mjs (its answers scored). Every stream starts from the same seed:
// two streams of any lengths begin with the same entries.
import type { StoryArticle } from '../../src/stories/types.js';
import { rng } from './rng.js';

export const STREAM_DAYS = 60;
export const STREAM_START = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const SEED = 20261202;

export interface StreamEntry {
  article: StoryArticle;
  /** The event it was written from, numbered in order of appearance from 0. */
  event: number;
}

// The vocabulary is drawn from SEED once; each stream then draws from SEED + 1.
let rnd = rng(SEED);
const SYL = ['ka', 'ri', 'mo', 'sa', 'de', 'lu', 'ban', 'tor', 'mi', 'zan', 'he', 'go', 'ral', 'nu', 'shi', 'ver', 'pa', 'dol'];
const word = (n: number): string => {
  let w = '';
  for (let i = 0; i < n; i++) w += SYL[Math.floor(rnd() * SYL.length)];
  return w;
};
const COMMON = Array.from({ length: 3000 }, () => word(2 + Math.floor(rnd() * 2)));
// Zipf-like pick from the common vocabulary.
const common = (): string => COMMON[Math.floor(COMMON.length * rnd() ** 3)] as string;

interface Ev {
  id: number;
  names: string[];
  figures: string[];
  start: number;
}

function makeEvent(id: number, start: number): Ev {
  const names = Array.from({ length: 6 }, () => {
    const w = word(3);
    return w[0]?.toUpperCase() + w.slice(1);
  });
  const figures = Array.from({ length: 3 }, () => String(10 + Math.floor(rnd() * 5000)));
  return { id, names, figures, start };
}

function sentence(ev: Ev, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const r = rnd();
    if (r < 0.18) out.push(ev.names[Math.floor(rnd() * ev.names.length)] as string);
    else if (r < 0.22) out.push(ev.figures[Math.floor(rnd() * ev.figures.length)] as string);
    else out.push(common());
  }
  return `${out.join(' ')}.`;
}

/**
 * `n` entries spread evenly over the 60 days, generated lazily so a bench holds only what the
 * clusterer holds. `lang` is every entry's language (null: none, the features detect it).
 */
export function* storyStream(n: number, lang: string | null = 'en'): Generator<StreamEntry> {
  rnd = rng(SEED + 1);
  const span = STREAM_DAYS * 24 * HOUR;
  const active: Ev[] = [];
  const recent: StreamEntry[] = [];
  let events = 0;
  for (let i = 0; i < n; i++) {
    const t = STREAM_START + Math.floor((i / n) * span);
    while (active.length > 0 && t - (active[0] as Ev).start > 4 * 24 * HOUR) active.shift();
    if (active.length < 40 || rnd() < 0.02) active.push(makeEvent(events++, t));
    const ev = active[Math.floor(rnd() * active.length)] as Ev;
    const site = { source: `s${i % 500}`, url: `https://s${i % 500}.example/${i}` };
    let entry: StreamEntry;
    if (recent.length > 0 && rnd() < 0.33) {
      const orig = recent[Math.floor(rnd() * recent.length)] as StreamEntry;
      const paras = orig.article.text.split('\n\n');
      const article: StoryArticle = {
        id: `e${i}`,
        title: rnd() < 0.5 ? orig.article.title : `${orig.article.title} - report`,
        text: `According to a partner agency: ${paras.slice(0, Math.max(1, paras.length - 1)).join('\n\n')}`,
        published: t,
        lang,
        ...site,
      };
      entry = { article, event: orig.event };
    } else {
      const paras = Array.from({ length: 4 }, () => `${sentence(ev, 14)} ${sentence(ev, 12)}`);
      const article: StoryArticle = {
        id: `e${i}`,
        title: sentence(ev, 9).slice(0, -1),
        text: paras.join('\n\n'),
        published: t,
        lang,
        ...site,
      };
      entry = { article, event: ev.id };
    }
    recent.push(entry);
    if (recent.length > 200) recent.shift();
    yield entry;
  }
}
