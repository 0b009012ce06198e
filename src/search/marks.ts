// Search highlights: the store marks matches with two control characters; here the text is
// escaped first and only then are the markers turned into <mark>, so a stored "<script>" stays
// text. Unbalanced or nested markers cannot produce broken markup.
import { MARK_END, MARK_START } from '../store/search.js';
import { escapeHtml, Html } from '../web/html.js';

export function markedToHtml(marked: string): Html {
  let out = '';
  let open = false;
  let run = '';
  const flush = (): void => {
    out += escapeHtml(run);
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
  return new Html(out);
}

/** The same text without markers (for titles in feeds, alt text…). */
export function stripMarks(marked: string): string {
  return marked.split(MARK_START).join('').split(MARK_END).join('');
}
