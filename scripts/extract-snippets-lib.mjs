// Scoring core of scripts/extract-snippets-eval.mjs: the snippet measure of trafilatura's
// evaluation (tests/eval_common.py in github.com/adbar/trafilatura), written anew here. Plain ESM
// so it runs without a build; test/extract-eval/snippets.test.ts checks the arithmetic.
//
// The measure:
//   * Each page has a few "with" snippets (text that belongs to the main text) and "without"
//     snippets (boilerplate that must not be in it), chosen by people.
//   * Matching: the extracted text and each snippet have every run of white space replaced by one
//     space and are trimmed; a snippet counts as present when it is a substring of the text. White
//     space is Python's `\s` for str (what trafilatura's re.sub(r"\s+", " ", ...) uses): ASCII
//     white space, U+001C–U+001F, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
//     U+205F, U+3000 — not U+FEFF, which JavaScript's \s would add. Nothing else is normalised:
//     case, Unicode form and punctuation must match as they are.
//   * Per page: "with" present = tp, absent = fn; "without" present = fp, absent = tn. A failed or
//     empty extraction finds nothing: every "with" is a fn, every "without" a tn.
//   * Over pages the four counts are summed (micro average over snippets, as trafilatura does):
//       precision = tp / (tp + fp), recall = tp / (tp + fn),
//       accuracy = (tp + tn) / (tp + tn + fp + fn), F = 2 tp / (2 tp + fp + fn)
//     (F equals the harmonic mean of precision and recall); each is 0 when its denominator is 0.
import { htmlToText } from './extract-eval-lib.mjs';

const PY_SPACE_RE = /[\t\n\v\f\r\u001C-\u001F \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

/** White space folded to single spaces and trimmed, the way trafilatura's comparison does it. */
export function snippetNorm(text) {
  return String(text ?? '')
    .replace(PY_SPACE_RE, ' ')
    .replace(/^ | $/g, '');
}

/**
 * Counts one page: { tp, fp, fn, tn, missed, found } where missed are the "with" snippets not in
 * the text and found the "without" snippets in it. text null or '' finds nothing.
 */
export function countPage(snippets, text) {
  const t = text ? snippetNorm(text) : '';
  const has = (s) => t !== '' && t.includes(snippetNorm(s));
  const missed = snippets.with.filter((s) => !has(s));
  const found = snippets.without.filter((s) => has(s));
  return {
    tp: snippets.with.length - missed.length,
    fn: missed.length,
    fp: found.length,
    tn: snippets.without.length - found.length,
    missed,
    found,
  };
}

/** Sum of page counts. */
export function sumCounts(counts) {
  const s = { pages: 0, tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const c of counts) {
    s.pages++;
    s.tp += c.tp;
    s.fp += c.fp;
    s.fn += c.fn;
    s.tn += c.tn;
  }
  return s;
}

/** precision, recall, accuracy, F of summed counts (each 0 when its denominator is 0). */
export function snippetScores({ tp, fp, fn, tn }) {
  const div = (a, b) => (b ? a / b : 0);
  return {
    precision: div(tp, tp + fp),
    recall: div(tp, tp + fn),
    accuracy: div(tp + tn, tp + tn + fp + fn),
    f: div(2 * tp, 2 * tp + fp + fn),
  };
}

/**
 * All visible text of a decoded page (a line break at every block; head, scripts and styles
 * left out): the recall ceiling. The whole document goes through htmlToText rather than
 * document.body, which linkedom leaves empty on pages with several <html> or <body> tags.
 */
export function pageText(html) {
  return htmlToText(html);
}
