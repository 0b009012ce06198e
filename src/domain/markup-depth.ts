// How deep the htmlparser2 readers follow nested markup. htmlparser2 keeps its open elements in an
// array it unshifts into and searches (implied closes, `<form>`, SVG names) at every start tag,
// and our handlers walk their own stacks too, so the cost of a document grows with the square of
// its nesting: 40,000 unclosed `<div><b>` (320 kB) took 1 to 6 s in each of the sanitiser, the
// text converter, discovery's link scan, the listing detector and the sitemap reader,
// and a 15 MB feed or page built that way would hold a thread for hours (the desk's preview and
// fetch now parse on the thread that serves the pages). Real pages nest a few dozen levels;
// browsers stop nesting at 512 (Chromium's parser puts deeper elements beside the 512th). So no
// reader lets the parser hold more than MAX_MARKUP_DEPTH elements open: the readers that look for
// structure (feed links, sitemaps, listing teasers) stop reading there, and the ones that keep
// text (the sanitiser, the text converter) read the rest flattened (parseFlattened): the parser
// starts afresh where it stopped, tags past the cut no longer nest, and no text is lost.

/** Elements a markup reader lets its parser hold open at once. */
export const MAX_MARKUP_DEPTH = 512;

/** The part of htmlparser2's Parser a depth counter needs (it is paused, never resumed). */
export interface Pausable {
  pause(): void;
  /** Where the current event ends in the text written since the last reset. */
  readonly endIndex: number;
}

/** The parser calls parseFlattened makes. */
export interface Restartable {
  reset(): void;
  end(chunk?: string): void;
}

/**
 * Counts the elements a parser holds open, from its handler's callbacks: `opened` at every
 * `onopentag`, `closed` at every `onclosetag` (htmlparser2 reports both for void elements and for
 * implied closes, so they pair up). Past the limit the parser is paused: no more events come, and
 * `cut` says so.
 */
export class MarkupDepth {
  private depth = 0;
  private parser: Pausable | undefined;
  cut = false;
  /** After a cut: where the unread text starts, in the text written since the parser's last reset. */
  resumeAt = 0;

  constructor(private readonly limit = MAX_MARKUP_DEPTH) {}

  /** The parser to stop: call from the handler's `onparserinit` (htmlparser2 calls it on creation and on reset). */
  attach(parser: Pausable): void {
    this.parser = parser;
    this.reset();
  }

  /** Nothing open, not cut (for a handler fed events rather than by a parser). */
  reset(): void {
    this.depth = 0;
    this.cut = false;
    this.resumeAt = 0;
  }

  opened(): void {
    if (++this.depth > this.limit && !this.cut) {
      this.cut = true;
      if (this.parser) {
        this.parser.pause();
        this.resumeAt = this.parser.endIndex + 1;
      }
    }
  }

  closed(): void {
    if (this.depth > 0) this.depth--;
  }
}

/**
 * Parses `text` to the end with at most `depth`'s limit of elements open: each time the parser is
 * cut, it is reset and given the rest (the handler keeps its own state; `depth` is attached again
 * through the handler's `onparserinit`). Each round reads past at least `limit` start tags, so the
 * whole costs time in proportion to the text, not to the square of its nesting.
 */
export function parseFlattened(parser: Restartable, depth: MarkupDepth, text: string): void {
  let rest = text;
  for (;;) {
    parser.reset();
    parser.end(rest);
    if (!depth.cut || depth.resumeAt <= 0) return;
    rest = rest.slice(depth.resumeAt);
  }
}
