// Here, beside the config reader, so the topics reader (a higher layer) can use it too.
// How deep the lists and mappings of a YAML or JSON text nest, measured before the YAML library
// builds its document. The library's composer recurses once per level: a 6 kB file of 3,000 `[`,
// or of 3,000 `- ` on one line (`- - - x` is a list in a list in a list), overflows the stack,
// which it reports as an error, but on Node 20 the overflow leaves V8's regular-expression
// compiler broken, and the next parse in the same process aborts it ("FATAL ERROR: RegExpCompiler
// Allocation failed - process out of memory"): no exception, no handler, the process is gone.
// Topics files are read again on every SIGHUP and topics are edited at the desk, so a text nested
// that deep must never reach the composer.
//
// The measure is the library's own reading of the text: its lexer and parser (the concrete syntax
// tree, built with a loop and a stack, no recursion) say where each collection starts, so brackets
// inside quotes, comments and block scalars (`|`) are text, and block nesting (indentation, `- - -`,
// `? ? ?`) counts like flow nesting (`[[[`, `{{{`). Counting brackets in the raw text (the first
// version) missed block nesting, and `[ "]", [ "]", …` closed each level in a string.
import { type CST, Parser } from 'yaml';

/**
 * Where `text` first holds a list or mapping nested more than `max` deep (the offset of the
 * collection that goes past it), or -1. Reads the text with the YAML library's parser, which does
 * not recurse; a reader that composes the document itself passes the parser's tokens instead, so
 * the text is parsed once (a 2 MB topics file takes a second to parse).
 */
export function nestingPast(text: string | Iterable<CST.Token>, max: number): number {
  const stack: Array<{ token: CST.Token; depth: number }> = [];
  for (const token of typeof text === 'string' ? new Parser().parse(text) : text) {
    stack.push({ token, depth: 0 });
    while (stack.length) {
      const { token: t, depth } = stack.pop()!;
      if (t.type === 'document') {
        if (t.value) stack.push({ token: t.value, depth });
      } else if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
        if (depth + 1 > max) return t.offset;
        for (const item of t.items) {
          if ('key' in item && item.key) stack.push({ token: item.key, depth: depth + 1 });
          if (item.value) stack.push({ token: item.value, depth: depth + 1 });
        }
      }
    }
  }
  return -1;
}
