// Search highlights: matches are marked with two control characters (highlight.ts); here the
// text is escaped first and only then are the markers turned into <mark>, so a stored "<script>"
// stays text. Unbalanced or nested markers cannot produce broken markup. The result is an HTML
// string safe to insert as element content (the site wraps it as trusted markup, the API sends it).
import { escapeAttr } from '../sanitize/escape.js';
import { MARK_END, MARK_START } from './highlight.js';

export function markedToHtml(marked: string): string {
  let out = '';
  let open = false;
  let run = '';
  const flush = (): void => {
    out += escapeAttr(run);
    run = '';
  };
  for (const ch of marked) {
    if (ch === MARK_START) {
      flush();
      if (!open) (out += '<mark>'), (open = true);
    } else if (ch === MARK_END) {
      flush();
      if (open) (out += '</mark>'), (open = false);
    } else run += ch;
  }
  flush();
  if (open) out += '</mark>';
  return out;
}

/** The same text without markers (for titles in feeds, alt text…). */
export function stripMarks(marked: string): string {
  return marked.split(MARK_START).join('').split(MARK_END).join('');
}
