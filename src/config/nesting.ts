// Here, beside the config reader, so the topics reader (a higher layer) can use it too.
// How deep the flow collections of a YAML or JSON text nest, counted before the YAML library
// reads it. That library recurses once per level: a 6 kB file of 3,000 `[` overflows the stack,
// which it reports as an error, but on Node 20 the overflow leaves V8's regular-expression
// compiler broken, and the next parse in the same process aborts it ("FATAL ERROR: RegExpCompiler
// Allocation failed - process out of memory"): no exception, no handler, the process is gone.
// Topics files are read again on every SIGHUP and topics are edited at the desk, so a text nested
// that deep must never reach the library. Pure.

/**
 * Where `text` first holds more than `max` unclosed `[` or `{`, or -1. Every bracket counts, in
 * quotes and comments too: the count is an upper bound on the flow nesting, and a text over it
 * has more than `max` brackets opened and not closed, which no topics or config file needs.
 * Block nesting (indentation) is not counted: 3,000 levels of it is 4.5 MB of spaces, and the
 * library read that six times in one process without harm.
 */
export function flowNestingPast(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return -1;
}
