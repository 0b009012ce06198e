// The topic query language's syntax tree. See docs/topics.md for the language.

export type QueryField = 'title' | 'text';

export type QueryNode =
  /** A word or a "quoted phrase", matched with normalisation and spelling variants. */
  | { kind: 'term'; text: string; offset: number }
  /** @name: an entity of the topic (by id), or @places / @related. */
  | { kind: 'ref'; name: string; offset: number }
  | { kind: 'and'; items: QueryNode[] }
  | { kind: 'or'; items: QueryNode[] }
  | { kind: 'not'; item: QueryNode }
  /** Both sides in the same field with at most `distance` words between them. */
  | { kind: 'near'; left: QueryNode; right: QueryNode; distance: number }
  | { kind: 'field'; field: QueryField; item: QueryNode };

import type { Params } from '../../locale/index.js';
import type { QuerySyntaxKind } from '../issues.js';

export class QuerySyntaxError extends Error {
  override name = 'QuerySyntaxError';
  constructor(
    message: string,
    /** UTF-16 offset in the query string. */
    readonly offset: number,
    /** 1-based line and column in the query string. */
    readonly line: number,
    readonly column: number,
    /** What is wrong, as a key the desk translates (issues.ts QUERY_SYNTAX_EN), and its parameters. */
    readonly kind: QuerySyntaxKind = 'unexpected',
    readonly params?: Params,
  ) {
    super(message);
  }
}

/** Every term and reference in a query, for compiling and checking references. */
export function queryLeaves(node: QueryNode, out: QueryNode[] = []): QueryNode[] {
  switch (node.kind) {
    case 'term':
    case 'ref':
      out.push(node);
      break;
    case 'and':
    case 'or':
      for (const item of node.items) queryLeaves(item, out);
      break;
    case 'not':
    case 'field':
      queryLeaves(node.item, out);
      break;
    case 'near':
      queryLeaves(node.left, out);
      queryLeaves(node.right, out);
      break;
  }
  return out;
}
