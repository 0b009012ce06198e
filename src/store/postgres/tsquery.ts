// The reader's query tree (src/search/query.ts) as a tsquery-valued SQL expression.
// Each word goes in as a bound parameter and through the same folding and parser as the indexed
// text (newsdesk_fold, 'simple'), so query and index always cut words alike, and nothing the
// reader types can be read as tsquery syntax. newsdesk_fold turns ASCII punctuation into spaces
// (migration 018), so a word with inner punctuation ("covid-19", "txt.exe") becomes a phrase of
// its parts, as in FTS5, on both sides. Words are read first as the index's rows are (fold version
// 3, src/search/reading.ts: migration 44 keeps each row's reading beside it).
import type { SearchNode } from '../../search/query.js';
import { phraseReadings, prefixReading } from '../../search/reading.js';
import type { Params } from './rows.js';

export function toTsquery(node: SearchNode, p: Params): string {
  switch (node.kind) {
    case 'term':
      if (!node.prefix) return phrase(node.text, p);
      // to_tsquery's quoted form runs the quoted text through the parser and puts :* on its
      // lexemes; quotes are doubled and backslashes (its escape) dropped first.
      return `to_tsquery('simple', '''' || replace(newsdesk_fold(${p.add(prefixReading(node.text).replace(/\\/g, ' '))}), '''', '''''') || ''':*')`;
    case 'phrase':
      return phrase(node.text, p);
    case 'or':
      return `(${node.items.map((n) => toTsquery(n, p)).join(' || ')})`;
    case 'and': {
      const parts = node.items.map((n) => toTsquery(n, p));
      for (const x of node.exclude) parts.push(`!!${toTsquery(x, p)}`);
      return `(${parts.join(' && ')})`;
    }
  }
}

/** A phrase (or a word searched as one) by each of its readings (reading.ts, phraseReadings): a hashtag named without its "#". */
function phrase(text: string, p: Params): string {
  const each = phraseReadings(text).map((r) => `phraseto_tsquery('simple', newsdesk_fold(${p.add(r)}))`);
  return each.length === 1 ? (each[0] as string) : `(${each.join(' || ')})`;
}
