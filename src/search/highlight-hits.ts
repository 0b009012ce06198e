// Highlights for a page of ranked search rows, applied once above every store dialect: the
// dialects only rank (entry + score), so SQLite and PostgreSQL cannot drift apart in what they
// mark. Pure: it takes rows of any shape that carry an entry's title and text.
import { MARK_END, MARK_START, markAll, needlesOf, snippet } from './highlight.js';
import type { SearchNode } from './query.js';

/** Words of context in a snippet. */
const SNIPPET_TOKENS = 28;

export interface Highlights {
  /** The title with matches marked (MARK_START/MARK_END; markedToHtml turns them into <mark>). */
  titleMarked: string;
  /** A short passage of the text around the matches, marked; ends/starts with "…" when cut. */
  snippetMarked: string;
}

/** Each row with its title and snippet marked for the words of `ast`, in the same order. */
export function highlightHits<H extends { entry: { title: string; text: string } }>(
  hits: readonly H[],
  ast: SearchNode | undefined,
): (H & Highlights)[] {
  const needles = needlesOf(ast);
  const marks = { start: MARK_START, end: MARK_END };
  return hits.map((h) => ({
    ...h,
    titleMarked: markAll(h.entry.title, needles, marks),
    snippetMarked: snippet(h.entry.text, needles, marks, SNIPPET_TOKENS),
  }));
}
