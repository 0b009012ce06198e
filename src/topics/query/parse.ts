// Recursive-descent parser for topic queries.
//
//   query   := or
//   or      := and ("OR" and)*
//   and     := unary (["AND"] unary)*          adjacent operands are ANDed
//   unary   := "NOT" unary | near
//   near    := primary ("NEAR/" n primary)*
//   primary := "(" or ")" | field ":" primary | "@" name | '"' phrase '"' | word
//
// Operators are upper case only, so "and"/"or"/"not" in lower case are ordinary words.
import type { QueryField, QueryNode } from './ast.js';
import { fill, type Params } from '../../locale/index.js';
import { QUERY_SYNTAX_EN, type QuerySyntaxKind } from '../issues.js';
import { QuerySyntaxError } from './ast.js';

type Lexeme =
  | { t: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'end'; at: number }
  | { t: 'near'; at: number; n: number }
  | { t: 'field'; at: number; field: QueryField }
  | { t: 'ref'; at: number; name: string }
  | { t: 'phrase' | 'word'; at: number; text: string };

const FIELDS: Record<string, QueryField> = { title: 'title', text: 'text', body: 'text' };
const MAX_NEAR = 100;

function position(src: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < src.length; i++) {
    if (src[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}

function fail(src: string, offset: number, kind: QuerySyntaxKind, params?: Params): never {
  const { line, column } = position(src, offset);
  throw new QuerySyntaxError(fill(QUERY_SYNTAX_EN[kind], params), offset, line, column, kind, params);
}

const WORD_STOP = /[\s()"]/;

function lex(src: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(') {
      out.push({ t: 'lparen', at: i++ });
      continue;
    }
    if (ch === ')') {
      out.push({ t: 'rparen', at: i++ });
      continue;
    }
    if (ch === '"' || ch === '\u201c' || ch === '\u201d') {
      const close = src.slice(i + 1).search(/["\u201c\u201d]/);
      if (close < 0) fail(src, i, 'unterminatedPhrase');
      const text = src.slice(i + 1, i + 1 + close);
      if (text.trim() === '') fail(src, i, 'emptyPhrase');
      out.push({ t: 'phrase', at: i, text });
      i += close + 2;
      continue;
    }
    const start = i;
    while (i < src.length && !WORD_STOP.test(src[i] as string)) {
      // A field scope ends the word at its colon: title:"..." or title:(...).
      if (src[i] === ':' && FIELDS[src.slice(start, i).toLowerCase()] !== undefined) break;
      i++;
    }
    const word = src.slice(start, i);
    if (src[i] === ':' && FIELDS[word.toLowerCase()] !== undefined) {
      out.push({ t: 'field', at: start, field: FIELDS[word.toLowerCase()] as QueryField });
      i++;
      continue;
    }
    if (word === 'AND' || word === 'OR' || word === 'NOT') {
      out.push({ t: word === 'AND' ? 'and' : word === 'OR' ? 'or' : 'not', at: start });
      continue;
    }
    const near = /^NEAR(?:\/(\d+))?$/.exec(word);
    if (near) {
      const n = near[1] === undefined ? 10 : Number(near[1]);
      if (n < 1 || n > MAX_NEAR) fail(src, start, 'nearRange', { max: MAX_NEAR });
      out.push({ t: 'near', at: start, n });
      continue;
    }
    if (word.startsWith('NEAR/')) fail(src, start, 'nearNumber');
    if (word.startsWith('@')) {
      const name = word.slice(1);
      if (!/^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u.test(name)) {
        fail(src, start, 'badRef');
      }
      out.push({ t: 'ref', at: start, name });
      continue;
    }
    out.push({ t: 'word', at: start, text: word });
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

/**
 * Groups, NOTs, NEARs and fields nested deeper than this are refused: far beyond any real query, and
 * well before a deep nest ("((((…") would exhaust the call stack of this recursive parser.
 */
const MAX_NESTING = 100;

export function parseQuery(src: string): QueryNode {
  const lexemes = lex(src);
  let pos = 0;
  let depth = 0;
  const nest = (at: number): void => {
    if (++depth > MAX_NESTING) fail(src, at, 'tooDeep', { max: MAX_NESTING });
  };
  const peek = (): Lexeme => lexemes[pos] as Lexeme;
  const next = (): Lexeme => lexemes[pos++] as Lexeme;

  const startsOperand = (l: Lexeme): boolean =>
    l.t === 'lparen' || l.t === 'field' || l.t === 'ref' || l.t === 'phrase' || l.t === 'word' || l.t === 'not';

  function parseOr(): QueryNode {
    const items = [parseAnd()];
    while (peek().t === 'or') {
      next();
      items.push(parseAnd());
    }
    return items.length === 1 ? (items[0] as QueryNode) : { kind: 'or', items };
  }

  function parseAnd(): QueryNode {
    const items = [parseUnary()];
    for (;;) {
      const l = peek();
      if (l.t === 'and') {
        next();
        items.push(parseUnary());
      } else if (startsOperand(l)) items.push(parseUnary());
      else break;
    }
    return items.length === 1 ? (items[0] as QueryNode) : { kind: 'and', items };
  }

  function parseUnary(): QueryNode {
    if (peek().t === 'not') {
      nest(next().at);
      const item = parseUnary();
      depth--;
      return { kind: 'not', item };
    }
    return parseNear();
  }

  function parseNear(): QueryNode {
    let left = parsePrimary();
    // "a NEAR b NEAR c" nests to the left, one level per NEAR: the matcher evaluates it
    // recursively, so a chain counts against MAX_NESTING like groups do (a chain of thousands
    // overflowed the stack at every article matched, r-topics).
    const outer = depth;
    for (;;) {
      const l = peek();
      if (l.t !== 'near') break;
      nest(next().at);
      if (peek().t === 'not') fail(src, peek().at, 'nearNot');
      const right = parsePrimary();
      left = { kind: 'near', left, right, distance: l.n };
    }
    depth = outer;
    return left;
  }

  function parsePrimary(): QueryNode {
    const l = next();
    switch (l.t) {
      case 'lparen': {
        if (peek().t === 'rparen') fail(src, peek().at, 'emptyGroup');
        nest(l.at);
        const inner = parseOr();
        depth--;
        const close = next();
        if (close.t !== 'rparen') fail(src, close.at, 'unclosed', { open: position(src, l.at).column });
        return inner;
      }
      case 'field':
        if (!startsOperand(peek()) || peek().t === 'not') fail(src, peek().at, 'fieldOperand', { field: l.field });
        nest(l.at);
        try {
          return { kind: 'field', field: l.field, item: parsePrimary() };
        } finally {
          depth--;
        }
      case 'ref':
        return { kind: 'ref', name: l.name, offset: l.at };
      case 'phrase':
        return { kind: 'term', text: l.text, offset: l.at };
      case 'word':
        return { kind: 'term', text: l.text, offset: l.at };
      case 'end':
        return fail(src, l.at, 'unexpectedEnd');
      case 'rparen':
        return fail(src, l.at, 'unexpectedClose');
      default:
        return fail(src, l.at, 'unexpectedOperator', { token: l.t.toUpperCase() });
    }
  }

  const tree = parseOr();
  const rest = peek();
  if (rest.t !== 'end') {
    if (rest.t === 'rparen') fail(src, rest.at, 'unexpectedClose');
    fail(src, rest.at, 'unexpected', { token: rest.t });
  }
  return tree;
}
