// A reader's search box text → a small query tree that any store dialect can compile.
// Syntax: words (all must match), "exact phrases", prefix*, a OR b, -excluded, (groups).
// OR binds tighter than the implicit AND: `iraq camp OR ashraf` = iraq AND (camp OR ashraf).
// Pure: no I/O, no SQL.
import { searchFoldRead } from './fold.js';
import { readLetterForms } from './reading.js';

export type SearchNode =
  | { kind: 'term'; text: string; prefix: boolean }
  | { kind: 'phrase'; text: string }
  | { kind: 'or'; items: SearchNode[] }
  | { kind: 'and'; items: SearchNode[]; exclude: SearchNode[] };

export interface ParsedSearch {
  /** Undefined when nothing positive remains to search for. */
  ast: SearchNode | undefined;
  /** Why the query cannot run as written (shown to the reader), if so. */
  problem?: string;
  /** The same as a stable name (the JSON API's key, search.excludedOnly): only exclusions were given. */
  reason?: 'excluded-only';
}

type Tok =
  | { t: 'word'; text: string; prefix: boolean; neg: boolean }
  | { t: 'phrase'; text: string; neg: boolean }
  | { t: 'or' }
  | { t: 'open'; neg: boolean }
  | { t: 'close' };

const MAX_TERMS = 32;

/** ＂ － ＊ （ ） ｜ and the small forms ﹣ ﹡ ﹙ ﹚: NFKC makes each the ASCII operator. */
const OPERATOR_FORMS = /[\uff02\uff0d\uff0a\uff08\uff09\uff5c\ufe63\ufe61\ufe59\ufe5a]/gu;

/**
 * Whether text holds a word the index can hold once folded (src/search/fold.ts): a tatweel or a
 * run of marks alone is no word, and would reach the database as an empty one (on PostgreSQL
 * `'':*`, a tsquery syntax error).
 */
function hasWord(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(searchFoldRead(text));
}

function tokenize(input: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  // Control characters (NUL included) are no part of a word: PostgreSQL refuses a NUL in text and
  // FTS5 reads one as the end of its query, so both failed on "a\0b".
  // The operators' full-width and small forms (an East Asian keyboard's ＂, －, ＊, （ ）, ｜, and
  // ＯＲ) act as the operators: searched words fold them (ｍｅｋ is mek), so «－camp» excluding
  // nothing, and «ＯＲ» required as a word, would read the reader backwards (r2-fold).
  let s = input
    .normalize('NFC')
    .replace(/\p{Cc}/gu, ' ')
    .replace(OPERATOR_FORMS, (c) => c.normalize('NFKC'));
  // Letter-like forms («ⓂⒺⓀ», «𝐌𝐄𝐊») are letters before punctuation is trimmed off a word (p-search3).
  s = readLetterForms(s);
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    let neg = false;
    let j = i;
    if ((c === '-' || c === '\u2212') && j + 1 < s.length && !/\s/u.test(s[j + 1]!)) {
      neg = true;
      j++;
    }
    const d = s[j]!;
    if (d === '"' || d === '\u201c' || d === '\u201d') {
      let k = j + 1;
      while (k < s.length && s[k] !== '"' && s[k] !== '\u201d' && s[k] !== '\u201c') k++;
      const text = s.slice(j + 1, k).trim();
      if (hasWord(text)) out.push({ t: 'phrase', text, neg });
      i = k + 1;
      continue;
    }
    if (d === '(') {
      out.push({ t: 'open', neg });
      i = j + 1;
      continue;
    }
    if (d === ')') {
      out.push({ t: 'close' });
      i = j + 1;
      continue;
    }
    let k = j;
    while (k < s.length && !/[\s()"\u201c\u201d]/u.test(s[k]!)) k++;
    let word = s.slice(j, k);
    i = k;
    if (word === 'OR' || word === '|' || word === '\uff2f\uff32') {
      if (!neg) out.push({ t: 'or' });
      continue;
    }
    let prefix = false;
    if (word.endsWith('*')) {
      prefix = true;
      word = word.replace(/\*+$/u, '');
    }
    // Punctuation around a word ("Iraq," "MKO's") is not part of what the reader means.
    word = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}\p{M}]+$/gu, '');
    if (hasWord(word)) out.push({ t: 'word', text: word, prefix, neg });
  }
  return out;
}

function leaf(tok: Extract<Tok, { t: 'word' | 'phrase' }>): SearchNode {
  return tok.t === 'word' ? { kind: 'term', text: tok.text, prefix: tok.prefix } : { kind: 'phrase', text: tok.text };
}

class Parser {
  private pos = 0;
  leaves = 0;
  constructor(private readonly toks: Tok[]) {}

  /** and := unit+ ; returns undefined for an empty group. */
  parseAnd(depth: number): SearchNode | undefined {
    const items: SearchNode[] = [];
    const exclude: SearchNode[] = [];
    while (this.pos < this.toks.length) {
      const tok = this.toks[this.pos]!;
      if (tok.t === 'close') {
        if (depth > 0) break;
        this.pos++; // a stray ")" is ignored
        continue;
      }
      const unit = this.parseOr(depth);
      if (!unit) continue;
      (unit.neg ? exclude : items).push(unit.node);
    }
    if (items.length === 0) {
      if (exclude.length) this.excludedOnly = true;
      return undefined;
    }
    if (items.length === 1 && exclude.length === 0) return items[0];
    return { kind: 'and', items, exclude };
  }

  excludedOnly = false;

  /** or := unit (OR unit)* ; a negated unit never joins an OR. */
  private parseOr(depth: number): { node: SearchNode; neg: boolean } | undefined {
    const first = this.parseUnit(depth);
    if (!first) return undefined;
    if (first.neg) return first;
    const alts: SearchNode[] = [first.node];
    while (this.toks[this.pos]?.t === 'or') {
      this.pos++;
      const next = this.parseUnit(depth);
      if (!next) break;
      if (next.neg) {
        // "a OR -b" has no useful meaning; read it as "a -b".
        this.pending.push(next.node);
        break;
      }
      alts.push(next.node);
    }
    return {
      node: alts.length === 1 ? alts[0]! : { kind: 'or', items: alts.flatMap((a) => (a.kind === 'or' ? a.items : [a])) },
      neg: false,
    };
  }

  pending: SearchNode[] = [];

  private parseUnit(depth: number): { node: SearchNode; neg: boolean } | undefined {
    while (this.toks[this.pos]?.t === 'or') this.pos++; // a leading OR means nothing
    const tok = this.toks[this.pos];
    if (!tok || tok.t === 'close') return undefined;
    this.pos++;
    if (tok.t === 'open') {
      const inner = this.parseAnd(depth + 1);
      if (this.toks[this.pos]?.t === 'close') this.pos++;
      return inner ? { node: inner, neg: tok.neg } : undefined;
    }
    if (tok.t === 'or') return undefined;
    if (this.leaves >= MAX_TERMS) return undefined;
    this.leaves++;
    return { node: leaf(tok), neg: tok.neg };
  }
}

export function parseSearch(input: string): ParsedSearch {
  const toks = tokenize(input.slice(0, 1000));
  if (toks.length === 0) return { ast: undefined };
  const p = new Parser(toks);
  let ast = p.parseAnd(0);
  if (ast && p.pending.length) {
    ast = ast.kind === 'and' ? { ...ast, exclude: [...ast.exclude, ...p.pending] } : { kind: 'and', items: [ast], exclude: p.pending };
  }
  if (!ast && p.excludedOnly)
    return {
      ast: undefined,
      problem: 'Add at least one word to look for: a search cannot consist only of -exclusions.',
      reason: 'excluded-only',
    };
  return { ast };
}

/** The positive words of a query, for display ("results for …") and client-side highlighting. */
export function positiveTerms(node: SearchNode | undefined): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return [node.text];
    case 'or':
      return node.items.flatMap(positiveTerms);
    case 'and':
      return node.items.flatMap(positiveTerms);
  }
}
